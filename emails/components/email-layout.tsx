import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

const styles = {
  body: { backgroundColor: "#f1f5f9", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", margin: "0 auto", maxWidth: "560px", padding: "32px" },
  brand: { color: "#475569", fontSize: "13px", fontWeight: 600, letterSpacing: "0.04em", margin: "0 0 16px", textTransform: "uppercase" as const },
  heading: { color: "#0f172a", fontSize: "22px", lineHeight: "28px", margin: "0 0 16px" },
  button: { backgroundColor: "#1d5fbf", borderRadius: "6px", color: "#ffffff", display: "inline-block", fontSize: "15px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" },
  footer: { color: "#64748b", fontSize: "12px", lineHeight: "18px", margin: 0 },
};

export const textStyle = { color: "#1e293b", fontSize: "15px", lineHeight: "22px", margin: "0 0 16px" };

/**
 * The frame every email shares: portal name, heading, body, at most one call to action, footer.
 * Its own words are in the reader's language: a family's, or English for providers and staff.
 */
export function EmailLayout({ locale = DEFAULT_LOCALE, portal, preview, heading, action, afterAction, children }: {
  locale?: Locale;
  portal: "MyPatients" | "MyChildren's";
  preview: string;
  heading: string;
  /** The one call to action; an email that asks nothing of its reader has none. */
  action?: { label: string; href: string };
  /** What follows the call to action (another way to go about it). */
  afterAction?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = emailTranslator(locale);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{t("layout.brand", { portal })}</Text>
          <Heading as="h1" style={styles.heading}>{heading}</Heading>
          {children}
          {action ? (
            <>
              <Section style={{ margin: "24px 0" }}>
                <Button href={action.href} style={styles.button}>{action.label}</Button>
              </Section>
              <Text style={textStyle}>{t("layout.copyAddress", { address: action.href })}</Text>
            </>
          ) : null}
          {afterAction}
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0" }} />
          <Text style={styles.footer}>{t("layout.footer", { portal })}</Text>
        </Container>
      </Body>
    </Html>
  );
}
