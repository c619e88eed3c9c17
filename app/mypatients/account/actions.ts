"use server";
import { changeProviderPasswordAction } from "@/lib/auth/portal-actions";

export const changeMyPassword = changeProviderPasswordAction();
