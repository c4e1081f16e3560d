// tests/browser/check.mjs - the browser checks of a built folio site.
//
//   node check.mjs --site build/example-site --out build/browser
//
// Run by run.sh, which installs what this needs and builds the site.  Each
// check is one test: a failed one prints "FAIL browser/NAME: why" and the
// details below it; the last line is "#summary PASSED FAILED".  Lines that
// start with "browser:" are information (counts, where files were saved).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const vnuJar = require('vnu-jar');

// The pages the issue names, in the example centre examples/northgate:
// its site (--kind site) or its external-verification pack (--kind pack).
const SITE_AXE_PAGES = {
	index: 'index.html',
	learner: 'learners/khan-a/index.html',
	portfolio: 'learners/khan-a/ocr-c3.html',
	unit: 'units/ocr-c3.html',
	sheet: 'sheets/ocr-c3.html',
	// Declaration boxes filled from signoffs.csv (khan-a's above: two
	// that no longer hold), a qualification page, the claims.
	signed: 'learners/brennan-s/ocr-c3.html',
	qualifications: 'learners/hughes-e/qualifications.html',
	claims: 'claims.html',
	// A cohort's grid, who still needs a criterion, an assessor's caseload.
	cohort: 'cohorts/l2-2026-01.html',
	needs: 'units/ocr-c3/3.6.html',
	assessor: 'assessors/KM.html',
	// The units and their record sheets, which every page's navigation links.
	units: 'units.html',
};
// Printed pages: the range of A4 pages that is sane for each, and text
// from the example's data that the PDF must hold (so a print style sheet
// that hides everything fails).
const SITE_PRINT_PAGES = {
	portfolio: {
		file: 'learners/khan-a/ocr-c3.html', min: 2, max: 12,
		text: ['Aisha Khan', 'Resolve customer service problems'],
		every: ['Aisha Khan: Resolve customer service problems'],
	},
	// A blank record sheet: a page of evidence rows, what the learner must
	// do, know and cover, and room for notes: 4 pages when written, 5 at
	// most (a table row spilling onto a page of its own shows as one more).
	sheet: {
		file: 'sheets/ocr-c3.html', min: 1, max: 5,
		text: ['Resolve customer service problems'],
	},
	qualifications: {
		file: 'learners/hughes-e/qualifications.html', min: 1, max: 3,
		text: ['Ellie Hughes', 'Still needed', 'awaits sign-off by: learner'],
	},
	claims: {
		file: 'claims.html', min: 1, max: 3,
		text: ['Brennan', 'Doyle', '600/0000/1'],
	},
};
// The pack: its index printed as one document, each part from a new page
// (cover and contents, tracking, staff, plan and coverage, record, files).
const PACK_AXE_PAGES = {
	pack: 'index.html',
	portfolio: 'learners/silva-b/ocr-62.html',
	learner: 'learners/silva-b/index.html',
	units: 'units.html',
};
const PACK_PRINT_PAGES = {
	pack: {
		file: 'index.html', min: 6, max: 24,
		text: ['External verification pack', 'Learner tracking', 'Sampling plan',
			'referred by LT on 2026-03-26', 'Sampling record', 'SHA256SUMS', 'Bruno Silva'],
	},
};
// The apprenticeship example, examples/apprentices (--kind apprentices):
// a learner's off-the-job hours (figures, month table, chart) and
// reviews, an assessor's caseload page, the dashboard's attention column.
const APPRENTICE_AXE_PAGES = {
	index: 'index.html',
	learner: 'learners/brook-j/index.html',
	break: 'learners/chen-w/index.html',
	caseload: 'assessors/KM.html',
};
const APPRENTICE_PRINT_PAGES = {
	learner: {
		file: 'learners/brook-j/index.html', min: 1, max: 5,
		every: ['Jamie Brook'],
		text: ['Jamie Brook', 'Off-the-job training hours', 'Planned to date',
			'Progress reviews', 'last review 2026-03-02'],
	},
	caseload: {
		file: 'assessors/KM.html', min: 1, max: 3,
		text: ['Caseload: Karen Moss', 'brook-j', 'no evidence for 14 weeks'],
	},
};
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Chromium on a closed network: no sandbox (root), no background traffic.
// Playwright gives each launch a fresh temporary --user-data-dir.
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync',
];
const SCREEN = { width: 1280, height: 900 };
const TIMEOUT = 30000; // ms for one page operation

// ---------------------------------------------------------------- harness

function usage() {
	console.error('usage: node check.mjs --site DIR --out DIR [--kind site|pack|apprentices]');
	process.exit(2);
}
const argv = process.argv.slice(2);
const opt = {};
for (let i = 0; i < argv.length; i += 2) {
	if (!['--site', '--out', '--kind'].includes(argv[i]) || argv[i + 1] === undefined)
		usage();
	opt[argv[i].slice(2)] = argv[i] === '--kind' ? argv[i + 1] : path.resolve(argv[i + 1]);
}
if (!opt.site || !opt.out || !['site', 'pack', 'apprentices', undefined].includes(opt.kind))
	usage();
const kind = opt.kind || 'site';
const AXE_PAGES = kind === 'pack' ? PACK_AXE_PAGES :
	kind === 'apprentices' ? APPRENTICE_AXE_PAGES : SITE_AXE_PAGES;
const PRINT_PAGES = kind === 'pack' ? PACK_PRINT_PAGES :
	kind === 'apprentices' ? APPRENTICE_PRINT_PAGES : SITE_PRINT_PAGES;
const site = opt.site;
const out = opt.out;
fs.mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const started = Date.now();
const times = [];

function info(line) {
	console.log(`browser: ${line}`);
}

// Runs one named test: fn returns a list of problems (empty: it passed)
// or throws, which fails it too.  Details are indented under the FAIL line.
async function test(name, fn) {
	let problems;
	const t0 = Date.now();
	try {
		problems = await fn();
	} catch (e) {
		problems = [`the check itself failed: ${e && e.stack || e}`];
	}
	times.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
	if (problems.length === 0) {
		passed++;
		return;
	}
	failed++;
	const [first, ...rest] = problems;
	console.log(`FAIL browser/${kind === 'site' ? '' : `${kind}/`}${name}: ${first}`);
	for (const p of rest)
		console.log(`    ${String(p).replace(/\n/g, '\n    ')}`);
}

function listed(items, max, fmt) {
	const lines = items.slice(0, max).map((x, i) => fmt(x, i));
	if (items.length > max)
		lines.push(`... and ${items.length - max} more`);
	return lines;
}

// ---------------------------------------------------------------- the site

function walk(dir) {
	const found = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory())
			found.push(...walk(p));
		else if (e.isFile())
			found.push(p);
	}
	return found;
}

const siteFiles = fs.existsSync(site) ? walk(site).sort() : [];
const rel = (p) => path.relative(site, p);
const htmlPages = siteFiles.filter((p) => p.endsWith('.html'));
const mdPages = siteFiles.filter((p) => p.endsWith('.md'));
const siteUrl = pathToFileURL(site).href.replace(/\/?$/, '/');
const urlOf = (file) => pathToFileURL(path.join(site, file)).href;

// The site-relative path of a URL inside the site, or null.
function inSite(url) {
	if (!url.startsWith('file:'))
		return null;
	const u = new URL(url);
	u.hash = '';
	u.search = '';
	const p = path.resolve(fileURLToPath(u.href));
	if (p !== site && !p.startsWith(site + path.sep))
		return null;
	return path.relative(site, p);
}

// ------------------------------------------------------------- the browser

// Requests anything makes outside the site, or for files in it that are
// missing: every browser context is made by newContext(), so the offline test
// sees what the axe and print checks loaded too.
const outsideSeen = [];
const missingSeen = [];
let current = '?';

async function newContext(browser, options = {}) {
	const ctx = await browser.newContext({ viewport: SCREEN, bypassCSP: true, ...options });
	ctx.setDefaultTimeout(TIMEOUT);
	await ctx.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith('data:') || url.startsWith('blob:') ||
			url === 'about:blank' || inSite(url) !== null)
			return route.continue();
		outsideSeen.push({ page: current, url });
		return route.abort('blockedbyclient');
	});
	ctx.on('requestfailed', (req) => {
		const url = req.url();
		if (inSite(url) !== null)
			missingSeen.push({ page: current, url: inSite(url), why: req.failure()?.errorText });
	});
	return ctx;
}

async function open(ctx, file) {
	if (!fs.existsSync(path.join(site, file)))
		throw new Error(`no such page: ${file}`);
	current = file;
	const page = await ctx.newPage();
	await page.goto(urlOf(file), { waitUntil: 'load' });
	return page;
}

// --------------------------------------------------------- 5. no JavaScript

// In the DOM as loaded (before anything is injected): script elements,
// event handler attributes and javascript: URLs.
function scriptsInDom() {
	const found = [];
	for (const s of document.querySelectorAll('script'))
		found.push(`<script${s.src ? ` src="${s.getAttribute('src')}"` : ''}>`);
	for (const el of document.querySelectorAll('*')) {
		for (const a of el.attributes) {
			const v = a.value.trim().toLowerCase();
			if (/^on/i.test(a.name))
				found.push(`<${el.localName} ${a.name}="...">`);
			else if (['href', 'src', 'action', 'formaction', 'data'].includes(a.name) &&
				v.replace(/[\s\u0000-\u001f]/g, '').startsWith('javascript:'))
				found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
		}
	}
	return found;
}

// ------------------------------------------- 4. links; ids for fragments

function linksInDom() {
	const links = [];
	for (const el of document.querySelectorAll('a[href], area[href], link[href]')) {
		links.push({
			tag: el.localName,
			rel: el.getAttribute('rel') || '',
			raw: el.getAttribute('href'),
			url: el.href,
		});
	}
	const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
	const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
	return { links, ids: [...ids, ...names] };
}

// ------------------------------------------------------------ 3. printing

// The printable width and height in CSS px of the page the page's own CSS
// asks for (preferCSSPageSize), A4 when it asks for none, less the @page
// margins (none when it sets none: page.pdf's default margin is 0).  The
// rules of linked style sheets come as text from Node, since a file://
// page may not read them (cssRules throws); they are parsed here.
function printableBox(linkedCss) {
	const MMPX = 96 / 25.4;
	const SIZES = { a5: [148, 210], a4: [210, 297], a3: [297, 420],
		b5: [176, 250], b4: [250, 353], letter: [215.9, 279.4],
		legal: [215.9, 355.6], ledger: [279.4, 431.8] };
	const UNITS = { mm: MMPX, cm: 10 * MMPX, q: MMPX / 4, in: 96, pt: 96 / 72, pc: 16, px: 1 };
	function length(text, percentOf) {
		const m = /^(-?[\d.]+)([a-z%]*)$/i.exec(text.trim());
		if (!m)
			return 0; // auto, or anything not understood: no margin
		if (m[2] === '%')
			return (parseFloat(m[1]) / 100) * percentOf;
		return parseFloat(m[1]) * (UNITS[m[2].toLowerCase()] ?? (m[1] === '0' ? 0 : NaN));
	}
	const pageRules = [];
	function collect(rules) {
		for (const r of rules) {
			if (r instanceof CSSPageRule)
				pageRules.push(r);
			else if (r instanceof CSSMediaRule) {
				if (r.media.mediaText === '' || /\b(print|all)\b/.test(r.media.mediaText) &&
					!/\bnot\b/.test(r.media.mediaText))
					collect(r.cssRules);
			} else if (r.cssRules) {
				collect(r.cssRules); // @layer, @supports
			}
		}
	}
	for (const s of document.styleSheets) {
		let rules = null;
		try {
			rules = s.cssRules;
		} catch (e) {
			// A linked file:// sheet: parsed from the text below.
		}
		if (rules && (!s.media.mediaText || /\b(print|all)\b/.test(s.media.mediaText)))
			collect(rules);
	}
	for (const text of linkedCss) {
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(text);
		collect(sheet.cssRules);
	}
	// The unnamed @page rules cascade into a base; each other selector
	// (:first, :left, :right, a named page) overrides it; the narrowest wins.
	const props = ['size', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom'];
	const base = {};
	for (const r of pageRules.filter((r) => r.selectorText === ''))
		for (const p of props)
			if (r.style.getPropertyValue(p))
				base[p] = r.style.getPropertyValue(p);
	const variants = [{ selector: '@page', decl: base }];
	for (const r of pageRules.filter((r) => r.selectorText !== '')) {
		const decl = { ...base };
		for (const p of props)
			if (r.style.getPropertyValue(p))
				decl[p] = r.style.getPropertyValue(p);
		variants.push({ selector: `@page ${r.selectorText}`, decl });
	}
	let best = null;
	for (const { selector, decl } of variants) {
		const words = (decl.size || 'auto').trim().toLowerCase().split(/\s+/);
		let [w, h] = SIZES.a4;
		let named = 'A4';
		const lengths = words.filter((x) => /^[\d.]/.test(x));
		if (lengths.length > 0) {
			w = length(lengths[0], 0) / MMPX;
			h = length(lengths[1] || lengths[0], 0) / MMPX;
			named = `${w.toFixed(0)}x${h.toFixed(0)}mm`;
		}
		for (const x of words) {
			if (SIZES[x]) {
				[w, h] = SIZES[x];
				named = x.toUpperCase();
			}
		}
		if (words.includes('landscape') && w < h)
			[w, h] = [h, w];
		if (words.includes('portrait') && w > h)
			[w, h] = [h, w];
		const pw = w * MMPX;
		const ph = h * MMPX;
		// Margins in % are of the page's width (css-page-3).
		const ml = length(decl['margin-left'] || '0', pw);
		const mr = length(decl['margin-right'] || '0', pw);
		const mt = length(decl['margin-top'] || '0', pw);
		const mb = length(decl['margin-bottom'] || '0', pw);
		const box = {
			selector, paper: `${named}${w > h ? ' landscape' : ''}`,
			width: pw - ml - mr, height: ph - mt - mb,
			margins: `${(mt / MMPX).toFixed(1)} ${(mr / MMPX).toFixed(1)} ` +
				`${(mb / MMPX).toFixed(1)} ${(ml / MMPX).toFixed(1)} mm`,
		};
		if (!best || box.width < best.width)
			best = box;
	}
	return best;
}

// Elements whose box reaches past the right (or left) edge of the layout
// width, outermost first: a descendant of one listed is not listed.
function overflowing(slack) {
	const W = document.documentElement.clientWidth;
	function describe(el) {
		const parts = [];
		for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
			let s = e.localName;
			if (e.id) {
				parts.unshift(`${s}#${e.id}`);
				break;
			}
			if (e.classList.length)
				s += '.' + [...e.classList].join('.');
			const same = e.parentElement
				? [...e.parentElement.children].filter((c) => c.localName === e.localName)
				: [];
			if (same.length > 1)
				s += `:nth-of-type(${same.indexOf(e) + 1})`;
			parts.unshift(s);
		}
		return parts.join(' > ');
	}
	const offenders = [];
	const seen = new Set();
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		// Not rendered, or a visually hidden 1px box (screen reader text).
		if ((r.width === 0 && r.height === 0) || (r.width <= 1 && r.height <= 1))
			continue;
		if (r.right <= W + slack && r.left >= -slack)
			continue;
		let covered = false;
		for (let a = el.parentElement; a; a = a.parentElement)
			if (seen.has(a)) {
				covered = true;
				break;
			}
		seen.add(el);
		if (covered)
			continue;
		offenders.push({
			what: describe(el),
			left: Math.round(r.left), right: Math.round(r.right),
			text: (el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60),
		});
	}
	// Content that spills out of a box that itself fits (a word wider than
	// its table column): the deepest boxes whose scrollable overflow
	// reaches past the edge.
	const spills = [];
	for (const el of document.body.querySelectorAll('*')) {
		if (seen.has(el) || el.scrollWidth <= el.clientWidth || el.clientWidth === 0)
			continue;
		const cs = getComputedStyle(el);
		if (cs.overflowX !== 'visible' && cs.overflowX !== 'clip')
			continue; // it scrolls or hides: not this box's spill
		const r = el.getBoundingClientRect();
		if (r.width <= 1 && r.height <= 1)
			continue;
		const reach = r.left + el.clientLeft + el.scrollWidth;
		if (reach > W + slack)
			spills.push({ el, reach });
	}
	for (const s of spills) {
		if (spills.some((o) => o !== s && s.el.contains(o.el)))
			continue; // a descendant spills: that one is the cause
		offenders.push({
			what: `${describe(s.el)} (its content)`,
			left: Math.round(s.el.getBoundingClientRect().left), right: Math.round(s.reach),
			text: (s.el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60),
		});
	}
	return {
		width: W,
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
		offenders,
	};
}

function pdfInfo(file) {
	const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`pdfinfo ${file}: ${r.stderr || r.error}`);
	const pages = Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
	const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts(.*)$/m.exec(r.stdout);
	return { pages, width: Number(size?.[1]), height: Number(size?.[2]), sizeText: size?.[0] };
}

// The text of each page of a PDF, whitespace collapsed.
function pdfPages(file) {
	const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0)
		throw new Error(`pdftotext ${file}: ${r.stderr || r.error}`);
	return r.stdout.split('\f').map((t) => t.replace(/\s+/g, ' ').trim()).slice(0, -1);
}

// The text of the style sheets a page links to, read from the site.
async function linkedCss(page) {
	const hrefs = await page.$$eval('link[rel~="stylesheet" i][href]', (ls) => ls.map((l) => l.href));
	const texts = [];
	for (const h of hrefs) {
		const f = inSite(h);
		if (f !== null && fs.existsSync(path.join(site, f)))
			texts.push(fs.readFileSync(path.join(site, f), 'utf8'));
	}
	return texts;
}

// ------------------------------------------------------------------ run

info(`site ${site}: ${htmlPages.length} HTML pages, ${mdPages.length} Markdown pages`);

// The Nu Html Checker runs beside the browser checks; its test waits.
function run(cmd, args, timeout) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout = [];
		const stderr = [];
		const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
		child.stdout.on('data', (d) => stdout.push(d));
		child.stderr.on('data', (d) => stderr.push(d));
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ error, status: null, stdout: '', stderr: '' });
		});
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			resolve({
				status, error: signal ? `killed by ${signal} (time-out ${timeout / 1000}s?)` : null,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
			});
		});
	});
}
const vnuRun = htmlPages.length === 0 ? null : run('java', ['-Xss4m', '-jar', vnuJar,
	'--format', 'json', '--stdout', '--exit-zero-always', ...htmlPages], 300000);

let browser = null;
let launchError = null;
try {
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
	info(`chromium ${browser.version()}, axe-core ${JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version}`);
} catch (e) {
	launchError = `could not start ${CHROMIUM}: ${e.message.split('\n')[0]}`;
}
function needBrowser() {
	if (!browser)
		throw new Error(launchError);
}

await test('site', async () => {
	if (htmlPages.length === 0)
		return [`no HTML pages in ${site}`];
	return [];
});

// 1. axe-core on the named pages (at a phone's width too: see 'phone').
async function axeProblems(page, name, file) {
	await page.evaluate(axeSource);
	// preload: false, or axe fetches the style sheets again, which
	// a file:// page may not (and the offline test would see).
	const r = await page.evaluate(() => window.axe.run(document, {
		resultTypes: ['violations'], preload: false,
	}));
	if (r.incomplete.length)
		info(`axe/${name}: ${r.incomplete.length} rule(s) to review by hand: ` +
			r.incomplete.map((v) => v.id).join(' '));
	if (r.violations.length === 0)
		return [];
	const nodes = r.violations.reduce((n, v) => n + v.nodes.length, 0);
	return [
		`${file}: ${r.violations.length} axe violation(s) on ${nodes} element(s)`,
		...r.violations.map((v) => {
			const n = v.nodes[0];
			const why = (n.failureSummary || '').split('\n').slice(1, 2).join('').trim();
			return `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), ` +
				`first ${JSON.stringify(n.target.join(' '))}: ${n.html.slice(0, 120)}` +
				(why ? `\n  ${why}` : '');
		}),
	];
}

for (const [name, file] of Object.entries(AXE_PAGES)) {
	await test(`axe/${name}`, async () => {
		needBrowser();
		const ctx = await newContext(browser);
		try {
			return await axeProblems(await open(ctx, file), name, file);
		} finally {
			await ctx.close();
		}
	});
}

// 2. The Nu Html Checker on every HTML page.
await test('vnu', async () => {
	if (htmlPages.length === 0)
		return ['no HTML pages to check'];
	const r = await vnuRun;
	if (r.error || r.status !== 0)
		return [`java -jar vnu.jar failed (exit ${r.status}): ${r.error || r.stderr.slice(0, 2000)}`];
	const { messages } = JSON.parse(r.stdout);
	const isError = (m) => m.type === 'error' || m.type === 'non-document-error';
	const errors = messages.filter(isError);
	const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
	info(`vnu: ${htmlPages.length} pages, ${errors.length} error(s), ${warnings.length} warning(s)`);
	// A template's mistake shows on many pages: one line per message.
	function grouped(list) {
		const by = new Map();
		for (const m of list) {
			const k = m.message;
			if (!by.has(k))
				by.set(k, []);
			by.get(k).push(m);
		}
		return [...by.entries()].sort((a, b) => b[1].length - a[1].length);
	}
	for (const [msg, ms] of grouped(warnings))
		info(`vnu warning (${ms.length}x): ${msg} (first ${rel(fileURLToPath(ms[0].url))}:${ms[0].lastLine ?? '?'})`);
	if (errors.length === 0)
		return [];
	const pages = new Set(errors.map((m) => m.url));
	return [
		`${errors.length} error(s) on ${pages.size} of ${htmlPages.length} page(s)`,
		...grouped(errors).map(([msg, ms]) => {
			const where = ms.slice(0, 3).map((m) => {
				const f = m.url ? rel(fileURLToPath(m.url)) : '?';
				return `${f}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}`;
			}).join(', ');
			const extract = ms[0].extract ? `\n  at: ${ms[0].extract.replace(/\s+/g, ' ').slice(0, 140)}` : '';
			return `${msg} (${ms.length}x; ${where}${ms.length > 3 ? ', ...' : ''})${extract}`;
		}),
	];
});

// 3. Printing: PDF on A4, and nothing wider than the printable width.
for (const [name, spec] of Object.entries(PRINT_PAGES)) {
	let box = null;
	await test(`print/${name}-pdf`, async () => {
		needBrowser();
		const ctx = await newContext(browser);
		try {
			const page = await open(ctx, spec.file);
			box = await page.evaluate(printableBox, await linkedCss(page));
			await page.screenshot({ path: path.join(out, `${name}-screen.png`), fullPage: true });
			const pdf = path.join(out, `${name}.pdf`);
			await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
			spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf,
				path.join(out, `${name}-pdf-page1`)]);
			const p = pdfInfo(pdf);
			info(`print/${name}: ${spec.file} printed to ${pdf} ` +
				`(${p.pages} page(s), ${p.sizeText})`);
			const problems = [];
			const pages = pdfPages(pdf);
			if (!(p.pages >= spec.min && p.pages <= spec.max)) {
				problems.push(`${spec.file} prints on ${p.pages} A4 page(s), ` +
					`expected ${spec.min} to ${spec.max}; the pages (see ${pdf}):`);
				problems.push(...listed(pages, 20, (t, i) =>
					`page ${i + 1}: ${t.length} characters: ${t.slice(0, 70)}${t.length > 70 ? '...' : ''}`));
			}
			const a4 = [595.28, 841.89];
			const dims = [p.width, p.height].sort((a, b) => a - b);
			if (Math.abs(dims[0] - a4[0]) > 2 || Math.abs(dims[1] - a4[1]) > 2)
				problems.push(`the PDF's paper is not A4: ${p.sizeText}`);
			const text = pages.join(' ').toLowerCase();
			// Whose pages: the learner and the unit on every page.
			for (const t of spec.every || [])
				pages.forEach((page, i) => {
					if (!page.toLowerCase().includes(t.toLowerCase()))
						problems.push(`page ${i + 1} of ${pages.length} does not name "${t}"`);
				});
			for (const t of spec.text)
				if (!text.includes(t.toLowerCase()))
					problems.push(`the PDF does not show "${t}" (is it hidden in print?)`);
			return problems;
		} finally {
			await ctx.close();
		}
	});
	await test(`print/${name}-width`, async () => {
		needBrowser();
		if (!box)
			throw new Error('no printable width: the PDF check above failed to run');
		const width = Math.round(box.width);
		const height = Math.round(box.height);
		if (!(width > 100 && height > 100))
			return [`the @page rules leave a printable area of ${width}x${height}px (${box.paper}, margins ${box.margins})`];
		info(`print/${name}: printable width ${width}px (${box.paper}, margins ${box.margins}, from ${box.selector})`);
		const ctx = await newContext(browser, { viewport: { width, height } });
		try {
			const page = await open(ctx, spec.file);
			await page.emulateMedia({ media: 'print' });
			await page.screenshot({ path: path.join(out, `${name}-print.png`), fullPage: true });
			const o = await page.evaluate(overflowing, 1);
			const problems = [];
			if (o.scrollWidth > o.clientWidth)
				problems.push(`${spec.file} in print is ${o.scrollWidth}px wide, wider than the ` +
					`printable ${o.clientWidth}px (${box.paper}, margins ${box.margins})`);
			if (o.offenders.length) {
				if (problems.length === 0)
					problems.push(`${spec.file} in print: ${o.offenders.length} element(s) reach past ` +
						`the printable ${o.clientWidth}px (${box.paper}, margins ${box.margins})`);
				else
					problems.push(`${o.offenders.length} element(s) reach past the edge:`);
				problems.push(...listed(o.offenders, 15, (x) =>
					`${x.what}: ${x.left}..${x.right}px${x.text ? ` "${x.text}"` : ''}`));
			}
			return problems;
		} finally {
			await ctx.close();
		}
	});
}
info(`PDFs and screenshots for review in ${out}`);

// 4 and 5: every HTML page, loaded on screen and in print, scrolled to the
// end (lazy images); its links, ids and scripts collected.
const pageLinks = new Map();
const pageIds = new Map();
const scripts = [];
let walkError = null;
const walkStart = Date.now();
if (browser) {
	const ctx = await newContext(browser);
	try {
		const page = await ctx.newPage();
		for (const f of htmlPages) {
			const file = rel(f);
			current = file;
			try {
				await page.emulateMedia({ media: 'screen' });
				await page.goto(urlOf(file), { waitUntil: 'load' });
				for (const s of await page.evaluate(scriptsInDom))
					scripts.push(`${file}: ${s}`);
				const { links, ids } = await page.evaluate(linksInDom);
				pageLinks.set(file, links);
				pageIds.set(file, new Set(ids));
				await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
				// Print-only resources (backgrounds, fonts) load on the
				// layout in print media.
				await page.emulateMedia({ media: 'print' });
				await page.evaluate(() => document.body && document.body.offsetHeight);
				await page.waitForTimeout(20);
			} catch (e) {
				walkError = walkError || `${file}: ${e.message.split('\n')[0]}`;
			}
		}
	} finally {
		await ctx.close();
	}
}

const walkTime = ((Date.now() - walkStart) / 1000).toFixed(1);

// The same page is loaded by several checks: each request once.
function once(list) {
	const seen = new Set();
	return list.filter((r) => {
		const k = `${r.page} ${r.url}`;
		if (seen.has(k))
			return false;
		seen.add(k);
		return true;
	});
}

await test('offline', async () => {
	needBrowser();
	const outside = once(outsideSeen);
	const missing = once(missingSeen);
	const problems = [];
	if (walkError)
		problems.push(`a page could not be loaded: ${walkError}`);
	if (outside.length) {
		problems.push(`${outside.length} request(s) for something outside the site ` +
			`(${siteUrl}); the site must work offline from file://`);
		problems.push(...listed(outside, 20, (r) => `${r.page} requests ${r.url}`));
	}
	if (missing.length) {
		problems.push(`${missing.length} request(s) for files the site lacks`);
		problems.push(...listed(missing, 20, (r) => `${r.page} requests ${r.url} (${r.why})`));
	}
	return problems;
});

await test('links', async () => {
	needBrowser();
	if (pageLinks.size === 0)
		return ['no page was loaded, so no link was checked'];
	const broken = [];
	let checked = 0;
	let external = 0;
	for (const [file, links] of pageLinks) {
		for (const l of links) {
			if (/^[a-z][a-z0-9+.-]*:/i.test(l.raw) && !/^file:/i.test(l.raw)) {
				external++; // http:, mailto: ...: a link, not a request
				continue;
			}
			checked++;
			const target = inSite(l.url);
			if (target === null) {
				broken.push(`${file}: <${l.tag} href="${l.raw}"> points outside the site (${l.url})`);
				continue;
			}
			const abs = path.join(site, target);
			if (!fs.existsSync(abs)) {
				broken.push(`${file}: <${l.tag} href="${l.raw}">: no file ${target}`);
				continue;
			}
			if (!fs.statSync(abs).isFile()) {
				broken.push(`${file}: <${l.tag} href="${l.raw}">: ${target || '.'} is a folder ` +
					'(from file:// that shows a listing, not index.html)');
				continue;
			}
			const hash = decodeURIComponent(new URL(l.url).hash.slice(1));
			if (hash && target.endsWith('.html') && pageIds.has(target) &&
				!pageIds.get(target).has(hash))
				broken.push(`${file}: <${l.tag} href="${l.raw}">: ${target} has no id "${hash}"`);
		}
	}
	info(`links: ${checked} in-site link(s) checked on ${pageLinks.size} pages, ${external} external link(s) not followed`);
	if (broken.length === 0)
		return [];
	return [`${broken.length} broken link(s)`, ...listed(broken, 30, (x) => x)];
});

await test('no-javascript', async () => {
	const found = [];
	// The files as written, HTML and Markdown alike.
	for (const f of [...htmlPages, ...mdPages]) {
		const text = fs.readFileSync(f, 'utf8');
		const m = /<script[\s>/]/i.exec(text);
		if (m) {
			const line = text.slice(0, m.index).split('\n').length;
			found.push(`${rel(f)}:${line}: <script`);
		}
	}
	for (const f of siteFiles.filter((p) => p.endsWith('.js') || p.endsWith('.mjs')))
		found.push(`${rel(f)}: a JavaScript file in the site`);
	// The DOM, as the browser built it.
	needBrowser();
	if (pageLinks.size !== htmlPages.length)
		found.push(`only ${pageLinks.size} of ${htmlPages.length} pages could be loaded to look for scripts`);
	found.push(...scripts);
	if (found.length === 0)
		return [];
	return [`JavaScript in the site (${found.length})`, ...listed(found, 30, (x) => x)];
});

// At a phone's width (390 px) every named page reads without scrolling
// the page sideways: what is wider scrolls inside its own box, and no
// cell is so narrow that its words break a letter or two to a line.
function phoneProblems() {
	const W = document.documentElement.clientWidth;
	const problems = [];
	if (document.documentElement.scrollWidth > W + 1)
		problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
	const scrolls = (a) => ['auto', 'scroll', 'hidden', 'clip']
		.includes(getComputedStyle(a).overflowX);
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		// Not drawn, or a skip link waiting off the screen's left edge.
		if ((r.width <= 1 && r.height <= 1) || r.right <= 0)
			continue;
		if (r.right > W + 1 || r.left < -1) {
			let boxed = false;
			for (let a = el.parentElement; a && a !== document.body && !boxed; a = a.parentElement)
				boxed = scrolls(a) && a.getBoundingClientRect().right <= W + 1;
			if (!boxed && !(el.parentElement && problems.some((p) => p.el === el.parentElement)))
				problems.push({ el, text: `${el.localName}${el.className ? '.' + el.className : ''} reaches ${Math.round(r.left)}..${Math.round(r.right)}px` });
		}
		if ((el.localName === 'td' || el.localName === 'th') &&
		    (el.innerText || '').trim().length >= 12 && el.clientWidth < 40)
			problems.push(`a ${el.localName} ${el.clientWidth}px wide holds "${el.innerText.trim().slice(0, 30)}"`);
	}
	return problems.map((p) => (typeof p === 'string' ? p : p.text));
}

await test('phone', async () => {
	needBrowser();
	const ctx = await newContext(browser, { viewport: { width: 390, height: 844 } });
	const problems = [];
	try {
		for (const [name, file] of Object.entries(AXE_PAGES)) {
			const page = await open(ctx, file);
			await page.emulateMedia({ media: 'screen' });
			await page.screenshot({ path: path.join(out, `${name}-phone.png`), fullPage: true });
			const found = await page.evaluate(phoneProblems);
			if (found.length)
				problems.push(`${file} at 390 px: ${found.length} problem(s)`,
					...listed(found, 8, (x) => `  ${x}`));
			problems.push(...(await axeProblems(page, `${name}-phone`, file))
				.map((x) => `at 390 px: ${x}`));
		}
	} finally {
		await ctx.close();
	}
	return problems;
});

// The dashboard leads to each cohort's page; a unit page's cohort column
// leads to who still needs a criterion, and that page lists as many
// learners as it says, each linking to their portfolio.
if (kind === 'site') {
	await test('cohorts-and-needs', async () => {
		needBrowser();
		const ctx = await newContext(browser);
		const problems = [];
		try {
			const index = await open(ctx, 'index.html');
			const cohorts = await index.$$eval('table.cohorts tbody th a',
				(as) => as.map((a) => a.getAttribute('href')));
			const files = fs.readdirSync(path.join(site, 'cohorts')).filter((f) => f.endsWith('.html'));
			if (cohorts.length !== files.length)
				problems.push(`the dashboard lists ${cohorts.length} cohort(s); cohorts/ holds ${files.length} page(s)`);
			const unit = await open(ctx, 'units/ocr-c3.html');
			const link = await unit.$('a.needs[href$="ocr-c3/3.6.html"]');
			if (!link)
				return [...problems, 'units/ocr-c3.html has no link to who still needs 3.6'];
			await Promise.all([unit.waitForNavigation(), link.click()]);
			const h1 = (await unit.textContent('h1')).trim();
			const said = /these (\d+) still need it/.exec(await unit.textContent('main'));
			const rows = await unit.$$eval('table.needs-list tbody tr a[href*="/ocr-c3.html"]', (as) => as.length);
			if (h1 !== 'Who still needs 3.6')
				problems.push(`the link leads to "${h1}"`);
			if (!said || Number(said[1]) !== rows)
				problems.push(`the page says ${said ? said[1] : 'nothing'} still need 3.6 and lists ${rows} portfolio link(s)`);
		} finally {
			await ctx.close();
		}
		return problems;
	});
}

// The apprentice's chart is drawn, and says what it shows; its text
// equivalent, the month table, has a row per month; the dashboard and the
// caseload page give the reasons.
if (kind === 'apprentices') {
	await test('otj-chart', async () => {
		needBrowser();
		const ctx = await newContext(browser);
		try {
			const page = await open(ctx, 'learners/brook-j/index.html');
			const c = await page.evaluate(() => {
				const svg = document.querySelector('svg.otj-chart');
				if (!svg)
					return null;
				const box = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
				const named = (svg.getAttribute('aria-labelledby') || '').split(/\s+/)
					.map((id) => document.getElementById(id)?.textContent || '');
				return {
					role: svg.getAttribute('role'),
					svg: box(svg),
					planned: [...svg.querySelectorAll('polyline.planned')].map(box),
					actual: [...svg.querySelectorAll('polyline.actual')].map(box),
					named,
					months: document.querySelectorAll('table.otj-months tbody tr').length,
					toCome: document.querySelectorAll('table.otj-months tbody tr.to-come').length,
				};
			});
			const problems = [];
			if (!c)
				return ['learners/brook-j/index.html has no svg.otj-chart'];
			if (c.role !== 'img')
				problems.push(`the chart's role is ${c.role}, not img`);
			if (!(c.svg[0] > 300 && c.svg[1] > 100))
				problems.push(`the chart is drawn ${c.svg[0]}x${c.svg[1]}px`);
			if (c.planned.length !== 1 || !(c.planned[0][0] > 200))
				problems.push(`the planned line: ${JSON.stringify(c.planned)}`);
			if (c.actual.length !== 1 || !(c.actual[0][0] > 100))
				problems.push(`the actual line: ${JSON.stringify(c.actual)}`);
			if (!/Off-the-job hours/.test(c.named[0]) || !/94 hours so far against 171 expected/.test(c.named[1]))
				problems.push(`the chart's name and description: ${JSON.stringify(c.named)}`);
			if (c.months !== 15 || c.toCome !== 6)
				problems.push(`the month table has ${c.months} rows, ${c.toCome} to come (expected 15 and 6)`);
			const index = await open(ctx, 'index.html');
			const attention = await index.evaluate(() =>
				[...document.querySelectorAll('td.attention')].map((td) => td.textContent));
			if (!attention.some((t) => t.startsWith('last review 2026-03-02')))
				problems.push(`the attention column lacks brook-j's review: ${JSON.stringify(attention)}`);
			const km = await open(ctx, 'assessors/KM.html');
			const rows = await km.evaluate(() =>
				[...document.querySelectorAll('table.caseload')[0].querySelectorAll('tbody tr')]
					.map((tr) => tr.querySelector('th').textContent));
			if (rows.length !== 2 || !rows[0].includes('Jamie Brook') || !rows[1].includes('Rhys Evans'))
				problems.push(`KM's caseload lists ${JSON.stringify(rows)}, not Jamie Brook then Rhys Evans`);
			return problems;
		} finally {
			await ctx.close();
		}
	});
}

if (browser)
	await browser.close();
info(`${((Date.now() - started) / 1000).toFixed(1)}s in all (walk of all pages ${walkTime}s): ${times.join(', ')}`);
console.log(`#summary ${passed} ${failed}`);
process.exit(failed ? 1 : 0);
