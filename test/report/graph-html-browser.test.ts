// The `graph --html` page in a real headless Chromium: the expected package nodes render, the script runs, and the screenshot shows the highlights.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, projectRoot } from '../helpers/repo.js';

const chromium = '/usr/bin/chromium';
const hasChromium = existsSync(chromium);

/** RGBA pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes). */
function decodePng(file: string): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number] } {
  const png = readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[12]]).toEqual([8, 0]);
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      expect(channels).not.toBe(0);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (out[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (out[(y - 1) * stride + i - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      out[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => [out[y * stride + x * channels] ?? 0, out[y * stride + x * channels + 1] ?? 0, out[y * stride + x * channels + 2] ?? 0],
  };
}

function countPixels(image: ReturnType<typeof decodePng>, rgb: [number, number, number]): number {
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const [r, g, b] = image.pixel(x, y);
      if (Math.abs(r - rgb[0]) <= 2 && Math.abs(g - rgb[1]) <= 2 && Math.abs(b - rgb[2]) <= 2) count++;
    }
  }
  return count;
}

const profiles: string[] = [];
afterAll(() => {
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

function chromiumRun(args: string[], url: string): string {
  const profile = mkdtempSync(path.join(tmpdir(), 'impacted-chromium-'));
  profiles.push(profile);
  return execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Any network request would fail: the page must not need one.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${profile}`,
      '--window-size=1200,800',
      ...args,
      url,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
}

describe.skipIf(!hasChromium)(`graph --html in headless Chromium (skipped: ${chromium} is not installed; apt-get install -y chromium)`, () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}\nexport const extra = 1;\n`);
  const page = path.join(repo.dir, 'graph.html');

  it('renders one node per package, and the script lists the files of the package in the address', () => {
    expect(runCli(['graph', '--html', page, '--base', 'main'], { cwd: repo.dir }).code).toBe(0);
    const dom = chromiumRun(['--dump-dom'], `file://${page}#package=packages/db`);
    const names = [...dom.matchAll(/<g class="[^"]*" data-key="[^"]*" data-name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['@acme/api', '@acme/legacy', 'select-monorepo', '@acme/db', '@acme/money']);
    // The script ran: the selected package is marked and its files are listed, the affected test tagged.
    expect(dom).toMatch(/<g class="node impacted selected" data-key="packages\/db"/);
    expect(dom).toContain('<aside id="details"><h2>@acme/db</h2><div class="dir">packages/db · 18 files · 4 tests</div>');
    expect(dom).toContain('<li class="affected">packages/db/test/orders.test.ts<span class="tag">affected test</span></li>');
    expect(dom).toContain('imports: @acme/money (1)');
    expect(dom).toContain('imported by: @acme/api (1)');
  });

  it('the screenshot shows the changed package and the affected-test badges', () => {
    const shot = path.join(repo.dir, 'graph.png');
    chromiumRun([`--screenshot=${shot}`], `file://${page}`);
    const image = decodePng(shot);
    expect([image.width, image.height]).toEqual([1200, 800]);
    // #fde68a fills the changed package's box (and its file in the side panel); #2563eb the three "✓ 1" badges.
    expect(countPixels(image, [0xfd, 0xe6, 0x8a])).toBeGreaterThan(5000);
    expect(countPixels(image, [0x25, 0x63, 0xeb])).toBeGreaterThan(3 * 300);
    // IMPACTED_UPDATE_SCREENSHOT=1 refreshes the README's picture from this run.
    if (process.env.IMPACTED_UPDATE_SCREENSHOT === '1') {
      mkdirSync(path.join(projectRoot, 'docs'), { recursive: true });
      copyFileSync(shot, path.join(projectRoot, 'docs/graph.png'));
    }
  });
});
