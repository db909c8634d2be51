import { z } from "zod";
import { ROLES } from "~/lib/vocabularies";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { idField } from "~/lib/ids";
import { passwordRuleViolation } from "~/features/auth/password-rules";

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

/** What a password rule may know of the account: its e-mail address, when the form has one. */
export interface PasswordContext {
  email?: string;
}

/**
 * The server passes its common-password check; the browser checks the length and the rules of
 * password-rules.ts (which need the account's address only for its local part).
 */
export function passwordField(isCommon?: (password: string) => boolean, context: PasswordContext = {}) {
  return z
    .string({ required_error: "validation.password.required" })
    .min(PASSWORD_MIN, "validation.password.tooShort")
    .max(PASSWORD_MAX, "validation.password.tooLong")
    .refine((value) => !isCommon?.(value), "validation.password.common")
    .superRefine((value, ctx) => {
      const violation = passwordRuleViolation(value, context);
      if (violation) ctx.addIssue({ code: z.ZodIssueCode.custom, message: violation });
    });
}

export const LoginSchema = z.object({
  email,
  password: z
    .string({ required_error: "validation.password.required" })
    .max(PASSWORD_MAX, "validation.password.tooLong"),
  redirectTo: z.string().optional(),
});

/** A new password typed twice, plus the form's other fields; the repetition must match. */
function withNewPassword<T extends z.ZodRawShape>(
  shape: T,
  isCommon?: (password: string) => boolean,
  context: PasswordContext = {},
) {
  return z
    .object({
      ...shape,
      password: passwordField(isCommon, context),
      confirmPassword: z.string({ required_error: "validation.password.required" }),
    })
    .refine((value) => value.password === value.confirmPassword, {
      path: ["confirmPassword"],
      message: "validation.password.mismatch",
    });
}

export function createNewPasswordSchema(isCommon?: (password: string) => boolean, context: PasswordContext = {}) {
  return withNewPassword({}, isCommon, context);
}

export function createChangePasswordSchema(isCommon?: (password: string) => boolean, context: PasswordContext = {}) {
  return withNewPassword(
    { currentPassword: z.string({ required_error: "validation.password.required" }).max(PASSWORD_MAX) },
    isCommon,
    context,
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

export function createAcceptInvitationSchema(isCommon?: (password: string) => boolean, context: PasswordContext = {}) {
  return withNewPassword({ name }, isCommon, context);
}

/** A six-digit code from an authenticator app. */
const totpCode = z
  .string({ required_error: "validation.totp.required" })
  .trim()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "validation.totp.invalid"));

/** The second sign-in step: an app code, or one of the recovery codes. */
export const SecondFactorSchema = z.object({
  code: z
    .string({ required_error: "validation.totp.required" })
    .trim()
    .min(6, "validation.totp.invalid")
    .max(32, "validation.totp.invalid"),
});

export const TotpCodeSchema = z.object({ code: totpCode });

/**
 * Turning two-step sign-in on or off from a session asks for the password too (ASVS V7.5.1):
 * someone holding a stolen session must not tie the account to their own app and lock its owner
 * out, nor take the second factor away.
 */
export const ReauthenticateWithCodeSchema = TotpCodeSchema.extend({
  currentPassword: z.string({ required_error: "validation.password.required" }).min(1).max(PASSWORD_MAX),
});

export const EndSessionSchema = z.object({ sessionId: z.string().min(1).max(64) });

/** Ending every other session asks for a ticked box, so one stray click does not do it. */
export const EndOtherSessionsSchema = z.object({
  confirm: z.literal("yes", { errorMap: () => ({ message: "sessions.confirmRequired" }) }),
});
