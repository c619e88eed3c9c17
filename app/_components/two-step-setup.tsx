// What a provider needs to add MyPatients to an authenticator app: the QR code and the key.
import { groupedSecret, qrCodeDataUrl } from "@/lib/auth/two-step-qr";
import type { Enrolment } from "@/lib/auth/two-step";

export async function TwoStepSetup({ enrolment }: { enrolment: Enrolment }) {
  const qr = await qrCodeDataUrl(enrolment.uri);
  return (
    <div className="mt-4 space-y-3">
      <p className="text-slate-700">Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password), then enter the 6-digit code it shows.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server */}
      <img src={qr} width={200} height={200} alt="QR code for adding MyPatients to an authenticator app" />
      <p className="text-slate-700">
        Or type this key into the app: <code data-testid="two-step-key" className="font-mono">{groupedSecret(enrolment.secret)}</code>
      </p>
    </div>
  );
}
