import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { mailboxMessages } from "@/lib/email/dev-mailbox";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Development mailbox" };


/** The body of a rendered email document (our own templates, whose props React escaped). */
function bodyOf(html: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
}

/** Emails "sent" while DEV_MAILBOX is on, newest first. With it off, this page does not exist. */
export default async function DevMailbox() {
  const messages = await mailboxMessages();
  if (!messages) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
      <p className="mt-2 text-slate-700">
        Emails the app sent, newest first. They were not delivered to anyone: the development mailbox is on
        (<code>DEV_MAILBOX=true</code>).
      </p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded border border-dashed border-slate-300 bg-white p-6 text-slate-600">No emails yet.</p>
      ) : (
        <ol className="mt-6 space-y-6">
          {messages.map((message) => (
            <li key={message.id}>
              <article aria-label={`Email to ${message.to}: ${message.subject}`} className="rounded-lg border border-slate-200 bg-white shadow-sm">
                <header className="border-b border-slate-200 px-4 py-3">
                  <h2 className="font-semibold">{message.subject}</h2>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-700">
                    <dt className="font-medium">To</dt>
                    <dd>{message.to}</dd>
                    <dt className="font-medium">Sent</dt>
                    <dd>
                      <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time>
                    </dd>
                  </dl>
                </header>
                <div className="overflow-x-auto" dangerouslySetInnerHTML={{ __html: bodyOf(message.html) }} />
                <details className="border-t border-slate-200 px-4 py-3 text-sm">
                  <summary className="cursor-pointer font-medium">Plain-text version</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words font-mono text-xs">{message.text}</pre>
                </details>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
