// The QR code of an enrolment's otpauth:// URI, as a data: URL (the Content-Security-Policy
// allows data: images, lib/http/security-headers.ts). Drawn on the server: no script involved.
import "server-only";
import QRCode from "qrcode";

export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 200 });
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}
