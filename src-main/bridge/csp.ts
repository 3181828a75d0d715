/**
 * The renderer loads nothing from outside the app: no remote scripts, frames or fonts. Images may be
 * data:/blob: URLs (photos, QR previews, PDFs in blob URLs). Shared by Electron's protocol and the bridge.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
