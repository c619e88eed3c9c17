"use server";
import { forgotPasswordAction } from "@/lib/auth/portal-actions";

export const sendResetLink = forgotPasswordAction("mychildren");
