"use server";
import { signInAction } from "@/lib/auth/portal-actions";

export const signIn = signInAction("mychildren");
