"use server";
import { changeProviderPasswordAction } from "@/lib/auth/portal-actions";
import { confirmTwoStepAction, disableTwoStepAction, startTwoStepAction } from "@/lib/auth/two-step-actions";

export const changeMyPassword = changeProviderPasswordAction();
export const startTwoStep = startTwoStepAction();
export const confirmTwoStep = confirmTwoStepAction();
export const disableTwoStep = disableTwoStepAction();
