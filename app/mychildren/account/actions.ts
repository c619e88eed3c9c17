"use server";
import { changeFamilyPasswordAction } from "@/lib/auth/portal-actions";

export const changeMyPassword = changeFamilyPasswordAction();
