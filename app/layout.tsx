import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { isMyChildrenRequest } from "@/lib/i18n/request";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Children's Hospital portals", template: "%s · Children's Hospital" },
  description: "MyPatients for community providers and MyChildren's for patients and families.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** The page's language and its "Skip to main content": MyChildren's follows the family's language, every other page is English. */
async function documentLanguage(): Promise<{ lang: string; skip: string }> {
  if (!(await isMyChildrenRequest())) return { lang: "en", skip: "Skip to main content" };
  const t = await getTranslations("shell");
  return { lang: await getLocale(), skip: t("skipToMain") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: each response carries its own CSP nonce (proxy.ts).
  await connection();
  const { lang, skip } = await documentLanguage();
  return (
    <html lang={lang}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {skip}
        </a>
        {children}
      </body>
    </html>
  );
}
