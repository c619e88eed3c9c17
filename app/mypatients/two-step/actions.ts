"use server";
import { enrolAtSignInAction, secondStepAction } from "@/lib/auth/two-step-actions";

export const submitSecondStep = secondStepAction();
export const enrolAtSignIn = enrolAtSignInAction();
