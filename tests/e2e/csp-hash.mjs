// Trunk post_build hook: allows Trunk's inline loader script under the
// page's Content-Security-Policy by its SHA-256 hash, so the policy needs
// no 'unsafe-inline'. Replaces the CSP_SCRIPT_HASH placeholder of
// index.html in $TRUNK_STAGING_DIR with one hash per inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const page = join(staging, "index.html");
const html = readFileSync(page, "utf8");

// Inline scripts are the <script> elements without a src attribute.
const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const hashes = [...html.matchAll(inline)].map(
  (match) => `'sha256-${createHash("sha256").update(match[1], "utf8").digest("base64")}'`,
);
if (html.split("CSP_SCRIPT_HASH").length !== 2) {
  console.error(`csp-hash: ${page}: expected exactly one CSP_SCRIPT_HASH placeholder in the policy`);
  process.exit(1);
}
writeFileSync(page, html.replace("CSP_SCRIPT_HASH", hashes.join(" ")));
console.log(`csp-hash: ${hashes.length} inline script(s) allowed by hash`);
