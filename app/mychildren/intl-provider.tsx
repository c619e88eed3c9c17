"use client";
// next-intl's provider for the client components of MyChildren's pages, as a client component the
// layout renders with the catalog it has already read (lib/i18n/request.ts): no further wait
// stands between the header and the page.
import { NextIntlClientProvider } from "next-intl";

export function FamilyIntlProvider(props: React.ComponentProps<typeof NextIntlClientProvider>) {
  return <NextIntlClientProvider {...props} />;
}
