"use server";
import { resetPasswordAction } from "@/lib/auth/portal-actions";

export const setNewPassword = resetPasswordAction("mypatients");
