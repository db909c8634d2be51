import { z } from "zod";
import { ROLES } from "../../../db/schema";
import { SUPPORTED_LOCALES } from "../../i18n/config";
import { idField } from "../../lib/ids";

// Messages are i18n keys; components/forms.tsx translates them, on the client and the server alike.
const email = z
  .string({ required_error: "validation.email.required" })
  .trim()
  .max(254, "validation.email.tooLong")
  .email("validation.email.invalid")
  .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
  .transform((value) => value.toLowerCase());

const name = z
  .string({ required_error: "validation.name.required" })
  .trim()
  .min(1, "validation.name.required")
  .max(120, "validation.name.tooLong")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "validation.name.invalid");

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** The server passes its common-password check; the browser checks only the length. */
export function passwordField(isCommon?: (password: string) => boolean) {
  return z
    .string({ required_error: "validation.password.required" })
    .min(PASSWORD_MIN, "validation.password.tooShort")
    .max(PASSWORD_MAX, "validation.password.tooLong")
    .refine((value) => !isCommon?.(value), "validation.password.common");
}

export const LoginSchema = z.object({
  email,
  password: z
    .string({ required_error: "validation.password.required" })
    .max(PASSWORD_MAX, "validation.password.tooLong"),
  redirectTo: z.string().optional(),
});

/** A new password typed twice, plus the form's other fields; the repetition must match. */
function withNewPassword<T extends z.ZodRawShape>(shape: T, isCommon?: (password: string) => boolean) {
  return z
    .object({
      ...shape,
      password: passwordField(isCommon),
      confirmPassword: z.string({ required_error: "validation.password.required" }),
    })
    .refine((value) => value.password === value.confirmPassword, {
      path: ["confirmPassword"],
      message: "validation.password.mismatch",
    });
}

export function createNewPasswordSchema(isCommon?: (password: string) => boolean) {
  return withNewPassword({}, isCommon);
}

export function createChangePasswordSchema(isCommon?: (password: string) => boolean) {
  return withNewPassword(
    { currentPassword: z.string({ required_error: "validation.password.required" }).max(PASSWORD_MAX) },
    isCommon,
  );
}

export const ForgotPasswordSchema = z.object({ email });

export const InvitationSchema = z.object({
  email,
  name,
  role: z.enum(ROLES, { errorMap: () => ({ message: "validation.role.invalid" }) }),
  chapterId: idField().optional(),
  coalitionMemberId: idField().optional(),
  locale: z.enum(SUPPORTED_LOCALES).default("en"),
});

export const ProfileSchema = z.object({ name, locale: z.enum(SUPPORTED_LOCALES) });

export const UserRoleSchema = z.object({
  intent: z.literal("role"),
  role: z.enum(ROLES, { errorMap: () => ({ message: "validation.role.invalid" }) }),
  chapterId: idField().optional(),
  coalitionMemberId: idField().optional(),
});

export function createAcceptInvitationSchema(isCommon?: (password: string) => boolean) {
  return withNewPassword({ name }, isCommon);
}
