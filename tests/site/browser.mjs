// browser.mjs - the published site in a real browser: Debian's Chromium,
// driven by playwright-core (never a browser of its own), loading out/
// from a local server.  Prints PASS:/FAIL: lines for tests/run.
//
// Nothing leaves the machine: requests for the site's public URL
// (BASE_URL, which the not-found pages use) are answered from out/, any
// other host is refused and counts as an error.
//
//   node browser.mjs PLAYWRIGHT-CORE-DIR SITE-URL OUT-DIR ARTEFACT-DIR BASE-URL
import { createRequire } from 'node:module';
import { readdirSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [, , pwDir, siteUrl, outDir, artefacts, baseUrl] = process.argv;
const require = createRequire(join(pwDir, 'package.json'));
const { chromium } = require(pwDir);

const results = [];
const t0 = Date.now();
function report(name, ok, why) {
	console.error(`${name} at ${Date.now() - t0} ms`);
	results.push(name);
	console.log(ok ? `PASS: site/browser-${name}` : `FAIL: site/browser-${name}${why ? ` (${why})` : ''}`);
}

const languages = readdirSync(outDir, { withFileTypes: true })
	.filter(d => d.isDirectory() && d.name !== 'assets').map(d => d.name).sort();
const pages = lang => readdirSync(join(outDir, lang)).filter(f => f.endsWith('.html')).sort();

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function offline(context) {
	await context.route('**/*', route => {
		const url = route.request().url();
		if (url.startsWith(siteUrl))
			return route.continue();
		if (baseUrl && url.startsWith(baseUrl)) {
			const file = join(outDir, decodeURIComponent(new URL(url).pathname.slice(new URL(baseUrl).pathname.length)).split('?')[0]);
			if (existsSync(file) && statSync(file).isFile())
				return route.fulfill({ path: file });
			return route.fulfill({ status: 404, body: 'not built' });
		}
		return route.abort('blockedbyclient');
	});
	return context;
}

// A page with every console error, uncaught exception and failed request
// recorded.
async function open(context) {
	await offline(context);
	const page = await context.newPage();
	page.problems = [];
	page.on('console', m => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
	page.on('pageerror', e => page.problems.push(`exception: ${e.message}`));
	page.on('requestfailed', r => page.problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
	page.on('response', r => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
	return page;
}

try {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await open(context);

	// Every page of every language: no console errors; the direction the
	// browser computes is the language's.
	let errors = [], loaded = 0;
	const direction = {};
	for (const lang of languages) {
		for (const file of pages(lang)) {
			page.problems = [];
			await page.goto(`${siteUrl}${lang}/${file}`, { waitUntil: 'load' });
			loaded++;
			direction[`${lang}/${file}`] = await page.evaluate(() =>
				[getComputedStyle(document.documentElement).direction,
				 getComputedStyle(document.querySelector('main') || document.body).direction]);
			errors.push(...page.problems.map(p => `${lang}/${file}: ${p}`));
		}
	}
	report('no-console-errors', errors.length === 0 && loaded > 0,
		errors.length ? errors.slice(0, 3).join('; ') : loaded ? '' : 'no page loaded');

	const rtlOf = lang => Object.entries(direction).filter(([k]) => k.startsWith(`${lang}/`));
	for (const lang of ['he', 'ar-XB']) {
		const d = rtlOf(lang);
		const wrong = d.filter(([, v]) => v[0] !== 'rtl' || v[1] !== 'rtl');
		report(`${lang}-rtl`, d.length > 0 && wrong.length === 0,
			d.length === 0 ? `no ${lang} pages` : wrong.map(([k, v]) => `${k}: ${v}`).join(', '));
	}
	const ltr = Object.entries(direction).filter(([k]) => /^(en|de|ja|zh-Hans|en-XA)\//.test(k));
	report('ltr', ltr.length > 0 && ltr.every(([, v]) => v[0] === 'ltr'),
		ltr.filter(([, v]) => v[0] !== 'ltr').map(([k]) => k).join(', '));

	// The switcher: a click on a language leads to the same page in that
	// language.  Every link of the Hebrew and ar-XB home pages and the
	// Hebrew findings page, and one link of every other language's home
	// page (tests/site/site.test checks every link of every page).
	let clicks = 0;
	const wrong = [];
	const plan = [];
	for (const lang of languages) {
		for (const file of ['index.html', 'findings.html']) {
			if (!existsSync(join(outDir, lang, file)))
				continue;
			if (lang === 'he' || (lang === 'ar-XB' && file === 'index.html'))
				plan.push([lang, file, null]);
			else if (file === 'index.html')
				plan.push([lang, file, lang === 'he' ? 'en' : 'he']);
		}
	}
	for (const [lang, file, only] of plan) {
		await page.goto(`${siteUrl}${lang}/${file}`);
		const targets = only ? [only] : await page.$$eval('nav.languages a[hreflang]',
			as => as.map(a => a.getAttribute('hreflang')));
		for (const target of targets) {
			if (page.url() !== `${siteUrl}${lang}/${file}`)
				await page.goto(`${siteUrl}${lang}/${file}`);
			await Promise.all([
				page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
				page.click(`nav.languages a[hreflang="${target}"]`),
			]);
			clicks++;
			const path = new URL(page.url()).pathname;
			const htmlLang = await page.evaluate(() => document.documentElement.lang);
			if (!path.endsWith(`/${target}/${file}`) || htmlLang !== target)
				wrong.push(`${lang}/${file} -> ${target}: ${path} (lang ${htmlLang})`);
		}
	}
	report('switcher-same-page', clicks > 0 && wrong.length === 0,
		clicks === 0 ? 'no switcher link' : wrong.slice(0, 3).join('; '));

	// The root index chooses the reader's language from navigator.languages.
	const cases = [['he-IL', 'he'], ['zh-TW', 'zh-Hant'], ['zh-CN', 'zh-Hans'], ['de-AT', 'de'], ['sw', 'en']];
	const chosen = [];
	for (const [locale, want] of cases) {
		if (!existsSync(join(outDir, want, 'index.html')))
			continue;
		const c = await browser.newContext({ locale });
		const p = await open(c);
		await p.goto(siteUrl);
		await p.waitForURL(u => u.pathname.endsWith(`/${want}/index.html`), { timeout: 5000 }).catch(() => {});
		const path = new URL(p.url()).pathname;
		if (!path.endsWith(`/${want}/index.html`))
			chosen.push(`${locale}: ${path}`);
		// The chooser leaves the root index while it may still be loading
		// (slow under the sanitizers): Chromium then reports the root's own
		// request as aborted.  That is the navigation, not a fault; any other
		// failure, and any failure of the chosen page, still counts.
		const left = `failed: ${siteUrl} (net::ERR_ABORTED)`;
		chosen.push(...p.problems.filter(x => x !== left).map(x => `${locale}: ${x}`));
		await c.close();
	}
	report('root-chooses-language', chosen.length === 0, chosen.join('; '));

	// Without JavaScript the root index is a list of links.
	const nojs = await offline(await browser.newContext({ javaScriptEnabled: false }));
	const pn = await nojs.newPage();
	await pn.goto(siteUrl);
	const links = await pn.$$eval('ul.languages a[hreflang]', as => as.length);
	report('root-without-js', new URL(pn.url()).pathname === '/' && links >= 2, `${links} links`);
	await nojs.close();

	// Screenshots of the Hebrew and Chinese home pages, kept as artefacts.
	mkdirSync(artefacts, { recursive: true });
	const shots = [];
	for (const lang of ['he', 'zh-Hans', 'zh-Hant', 'ar-XB']) {
		if (!existsSync(join(outDir, lang, 'index.html'))) {
			if (lang === 'he' || lang === 'zh-Hans')
				shots.push(`${lang}: not built`);
			continue;
		}
		const c = await offline(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
		const p = await c.newPage();
		await p.goto(`${siteUrl}${lang}/index.html`);
		await p.screenshot({ path: join(artefacts, `home-${lang}.png`), fullPage: true });
		if (!existsSync(join(artefacts, `home-${lang}.png`)))
			shots.push(`${lang}: no file`);
		await c.close();
	}
	report('screenshots', shots.length === 0, shots.join('; '));
	await context.close();
} catch (e) {
	report('run', false, String(e && e.message || e).split('\n')[0]);
} finally {
	await browser.close();
}
