import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema, signInSchema } from "@/lib/auth/validation";
import { addChildInput, familyRegistrationInput } from "@/lib/family/activation";
import { decisionInput } from "@/lib/requests/decide";
import { invitationInput } from "@/lib/tokens/issue";
import { languageChoice } from "@/lib/validation";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };
import { FORM_MESSAGES, translateFormState, translateMessage, type Translate } from "./form-messages";

const inEnglish = createTranslator({ locale: "en", messages: en, namespace: "formMessages" }) as unknown as Translate;
const inSpanish = createTranslator({ locale: "es", messages: es, namespace: "formMessages" }) as unknown as Translate;

describe("lib's messages on MyChildren's forms", () => {
  it("read in the English catalog exactly as lib/ writes them (English stays as SPEC writes it)", () => {
    const differing = [...FORM_MESSAGES].filter(([text]) => translateMessage(text, inEnglish) !== text);
    expect(differing.map(([text, entry]) => `${entry.key}: ${translateMessage(text, inEnglish)} ≠ ${text}`)).toEqual([]);
  });

  it("each have a Spanish text of their own", () => {
    const untranslated = [...FORM_MESSAGES].filter(([text]) => translateMessage(text, inSpanish) === text);
    expect(untranslated.map(([text]) => text)).toEqual([]);
  });

  it("translate a form's message and its field messages, and leave a message from the catalog as it is", () => {
    const state = translateFormState({ ok: false, message: "Check the highlighted fields.", fieldErrors: { email: "Enter a valid email address.", password: "Use at least 12 characters." } }, inSpanish);
    expect(state).toEqual({ ok: false, message: "Revise los campos marcados.", fieldErrors: { email: "Escriba un correo electrónico válido.", password: "Use al menos 12 caracteres." } });
    expect(translateMessage("Invitación enviada.", inSpanish)).toBe("Invitación enviada.");
  });

  // Every message the family forms' field rules can give, for typical bad input, is translated.
  // (formAction reads a missing field as "", so "{}" stands for a form sent empty where the rule allows it.)
  const FAMILY_FORMS: [string, z.ZodType, Record<string, string>[]][] = [
    ["sign-in", signInSchema, [{}, { email: "x", password: "" }, { email: "a@b.example", password: "x".repeat(2000) }]],
    ["forgot password", forgotPasswordSchema, [{}, { email: "" }, { email: "not an email" }]],
    ["reset password", resetPasswordSchema, [{ token: "", password: "" }, { token: "x".repeat(300), password: "short" }, { token: "t", password: "x".repeat(300) }]],
    ["change password", changePasswordSchema, [{}, { currentPassword: "", newPassword: "short" }]],
    ["registration", familyRegistrationInput, [{}, { code: "", fullName: "", email: "x", password: "" }, { code: "x".repeat(80), fullName: "a\u0000b", email: "a@b.example", password: "x".repeat(300) }, { code: "c", fullName: "n".repeat(201), email: "a@b.example", password: "p".repeat(12) }]],
    ["add a child", addChildInput, [{}, { code: "" }, { code: "x".repeat(80) }]],
    ["decision", decisionInput, [{}, { decision: "maybe" }, { decision: "approve", requestId: "x", accessEnds: "forever" }, { decision: "deny", requestId: "x", reason: "r".repeat(501) }, { decision: "deny", requestId: "00000000-0000-4000-8000-000000000000", reason: "a\u0000" }]],
    ["invitation", invitationInput, [{}, { mrn: "abc", providerEmail: "" }, { mrn: "1000001", providerEmail: "nope" }]],
  ];

  it.each(FAMILY_FORMS)("%s: every refusal of its rules is translated", (_name, schema, inputs) => {
    const messages = new Set<string>();
    for (const input of inputs) {
      const parsed = schema.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      for (const issue of parsed.error!.issues) messages.add(issue.message);
    }
    expect([...messages].filter((message) => !FORM_MESSAGES.has(message))).toEqual([]);
  });

  it("the language switcher's rule refuses anything but a language, with a translated message", () => {
    for (const hostile of ["xx", "../", "EN", "es-MX", "e".repeat(5000), "", "en\u0000"]) {
      const parsed = languageChoice().safeParse(hostile);
      expect(parsed.success, hostile).toBe(false);
      expect(FORM_MESSAGES.has(parsed.error!.issues[0]!.message)).toBe(true);
    }
    expect(languageChoice().parse("es")).toBe("es");
  });
});
