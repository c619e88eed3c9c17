// A proxy that does nothing, so its own cost can be measured: it runs only under /proxied.
import { NextResponse } from "next/server";

export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: ["/proxied/:path*"] };
