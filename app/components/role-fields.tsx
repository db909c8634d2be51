import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~db/schema";
import { SelectField } from "~/components/forms";

interface Scope {
  id: number;
  name: string;
}

/** Role, and the chapter or organisation a scoped role belongs to. */
export function RoleFields({
  fields,
  roles,
  chapters,
  organisations,
  withHints = false,
}: {
  fields: {
    role: FieldMetadata<string>;
    chapterId: FieldMetadata<number>;
    coalitionMemberId: FieldMetadata<number>;
  };
  roles: readonly Role[];
  chapters: Scope[];
  organisations: Scope[];
  withHints?: boolean;
}) {
  const { t } = useTranslation();
  const toOptions = (rows: Scope[]) => rows.map((row) => ({ value: row.id, label: row.name }));
  return (
    <>
      <SelectField
        label={t("fields.role")}
        meta={fields.role}
        placeholder={t("fields.choose")}
        options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <SelectField
        label={t("fields.chapter")}
        meta={fields.chapterId}
        placeholder={t("fields.none")}
        hint={withHints ? t("invite.chapterHint") : undefined}
        options={toOptions(chapters)}
      />
      <SelectField
        label={t("fields.organisation")}
        meta={fields.coalitionMemberId}
        placeholder={t("fields.none")}
        hint={withHints ? t("invite.organisationHint") : undefined}
        options={toOptions(organisations)}
      />
    </>
  );
}
