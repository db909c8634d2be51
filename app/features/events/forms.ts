import { z } from "zod";
import { EVENT_KINDS, MAX_AUDIENCE } from "~/features/events/constants";
import { idField } from "~/lib/ids";
import { SUPPORTED_LOCALES } from "~/i18n/config";

// Messages are i18n keys: common `validation.*`, or `events:validation.*` for this area's own.
// Shared by the browser (Conform's client validation) and the server, so both say the same thing.

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\r\n]/;

function line(max: number) {
  return z
    .string({ required_error: "validation.required" })
    .trim()
    .max(max, "validation.tooLong")
    .refine((v) => !CONTROL_CHARACTERS.test(v) && !LINE_BREAKS.test(v), "validation.controlCharacters");
}

const requiredLine = (max: number) => line(max).pipe(z.string().min(1, "validation.required"));

const httpUrl = z
  .string()
  .trim()
  .max(500, "validation.tooLong")
  .url("validation.url")
  .refine((value) => /^https?:\/\//i.test(value), "validation.url");

const audience = z.coerce
  .number({ invalid_type_error: "events:validation.number" })
  .int("events:validation.number")
  .min(0, "events:validation.number")
  .max(MAX_AUDIENCE, "events:validation.tooLarge");

const localTime = z
  .string({ required_error: "events:validation.dateTime" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "events:validation.dateTime");

export const EventSchema = z
  .object({
    title: requiredLine(160),
    /** The language the text is written in; absent keeps the stored one (or English for a new item). */
    originalLocale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.choose" }) }).optional(),
    kind: z.enum(EVENT_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
    /** Only staff type it; for others the organiser comes from their account. */
    organiserName: line(160).optional(),
    jurisdiction: z
      .string({ required_error: "validation.jurisdiction" })
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
    city: line(120).optional(),
    online: z.boolean().optional().default(false),
    startsLocal: localTime,
    endsLocal: localTime,
    timezone: z
      .string({ required_error: "events:validation.timezone" })
      .trim()
      .max(64, "events:validation.timezone")
      .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, "events:validation.timezone"),
    description: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(5000, "validation.tooLong")
      .refine((v) => !CONTROL_CHARACTERS.test(v), "validation.controlCharacters"),
    registrationUrl: httpUrl.optional(),
    expectedReach: audience.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.online && !value.city) {
      ctx.addIssue({ code: "custom", path: ["city"], message: "events:validation.cityOrOnline" });
    }
  });
export type EventInput = z.infer<typeof EventSchema>;

export const EditionSchema = z.object({
  intent: z.literal("edition"),
  editionId: idField().optional(),
  year: z.coerce
    .number({ invalid_type_error: "events:validation.year" })
    .int("events:validation.year")
    .min(2000, "events:validation.year")
    .max(2100, "events:validation.year"),
  day: z
    .string({ required_error: "validation.date" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date"),
  theme: line(200).optional(),
});
export type EditionInput = z.infer<typeof EditionSchema>;

export const ReviewSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), eventId: idField() }),
    z.object({
      intent: z.literal("sendBack"),
      eventId: idField(),
      comment: z
        .string({ required_error: "events:validation.commentRequired" })
        .trim()
        .min(1, "events:validation.commentRequired")
        .max(2000, "validation.tooLong")
        .refine((v) => !CONTROL_CHARACTERS.test(v), "validation.controlCharacters"),
    }),
  ],
  { errorMap: () => ({ message: "validation.intent" }) },
);
export type ReviewInput = z.infer<typeof ReviewSchema>;

export const StaffEventsSchema = z.union([EditionSchema, ReviewSchema]);

export const RsvpSchema = z.object({
  name: requiredLine(120).refine((v) => !/[<>]/.test(v), "events:validation.markup"),
  email: z
    .string({ required_error: "validation.email.required" })
    .trim()
    .max(254, "validation.email.tooLong")
    .refine((value) => !LINE_BREAKS.test(value), "validation.email.invalid")
    .pipe(z.string().email("validation.email.invalid")),
  shareWithOrganiser: z.boolean().optional().default(false),
});
export type RsvpInput = z.infer<typeof RsvpSchema>;

export const ReportSchema = z
  .object({
    attendance: audience.optional(),
    onlineViews: audience.optional(),
    mediaReach: audience.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.attendance === undefined && value.onlineViews === undefined && value.mediaReach === undefined) {
      ctx.addIssue({ code: "custom", path: ["attendance"], message: "events:validation.reportEmpty" });
    }
  });
export type ReportInput = z.infer<typeof ReportSchema>;

/** Someone who may submit events asks staff to open the next edition, with an optional note. */
export const EditionRequestSchema = z.object({
  intent: z.literal("requestEdition", { errorMap: () => ({ message: "validation.intent" }) }),
  note: z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .refine((v) => !CONTROL_CHARACTERS.test(v), "validation.controlCharacters")
    .optional(),
});
export type EditionRequestInput = z.infer<typeof EditionRequestSchema>;
