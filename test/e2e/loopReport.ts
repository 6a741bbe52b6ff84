// The weekly report as the person gets it: the email n8n sent to the mail sink, its CSV
// attachment read back, its HTML page rendered in a real browser (Debian's Chromium) and saved
// as a picture (beside the e2e's files, or in TELNYX_E2E_REPORT_DIR).
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import type { RunningN8n } from '../../support/n8n/n8n';
import type { SmtpSink } from '../../support/n8n/smtpSink';
import { decodedBody } from '../../support/n8n/smtpSink';
import { chromiumPath } from '../../support/prerequisites';
import { step } from './report';
import { eventually } from './wait';

/** The MIME parts of a message: each part's headers and body, as sent. */
function partsOf(message: string): Array<{ headers: string; body: string }> {
	const boundary = message.match(/boundary="?([^";\r\n]+)"?/)?.[1];
	if (!boundary) return [];
	return message
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((part) => {
			const at = part.indexOf('\r\n\r\n');
			return { headers: part.slice(0, at), body: part.slice(at + 4) };
		})
		.flatMap((part) =>
			part.headers.includes('multipart/') ? partsOf(part.headers + '\r\n\r\n' + part.body) : [part],
		);
}

/** The CSV's rows as cell lists. */
function csvRows(text: string): string[][] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line) =>
			[...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"')),
		);
}

export interface ExpectedReport {
	expected: Record<string, number>;
	changes: number;
	resting: string[];
	restored: string[];
	/** This month so far, the forecast and the budget, in USD; the numbers remediated. */
	spend: { spent_usd: number; forecast_usd: number; budget_usd: number; remediated: number };
}

export async function checkReport(
	n8n: RunningN8n,
	mail: SmtpSink,
	runFrom: (n8n: RunningN8n, id: string, trigger: string) => Promise<string>,
	want: ExpectedReport,
	reportDir: string,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	step('The weekly report: an HTML email with the same figures as CSV, rendered in a browser');
	const from = mail.messages.length;
	const ran = await runFrom(n8n, 'loopReport', 'Every Monday');
	const sent = await eventually(180, () => mail.messages.length > from);
	const message = mail.messages[from] ?? '';
	const parts = partsOf(message);
	const html = parts.find((part) => part.headers.includes('text/html'));
	const attachment = parts.find((part) => part.headers.includes('caller-id-report.csv'));
	verify(
		'the report is emailed, an HTML page with a CSV attachment',
		ran === '' && sent && html !== undefined && attachment !== undefined,
		`${ran} ${message.slice(0, 3000)}`,
	);
	const rows = csvRows(
		Buffer.from(attachment?.body.replace(/\s/g, '') ?? '', 'base64').toString('utf8'),
	);
	const section = (name: string) => rows.filter((cells) => cells[0] === name);
	const risk = Object.fromEntries(
		section('spam_risk').map((cells) => [cells[1], Number(cells[2])]),
	);
	verify(
		"the CSV's pool per risk level is the sandbox's pool",
		['low', 'medium', 'high'].every((level) => risk[level] === want.expected[level]),
		JSON.stringify({ risk, want: want.expected }),
	);
	verify(
		'the CSV lists every change of the week, the resting and the restored numbers',
		section('changed').length === want.changes &&
			JSON.stringify(
				section('resting')
					.map((cells) => cells[1])
					.sort(),
			) === JSON.stringify([...want.resting].sort()) &&
			want.restored.every((number) => section('restored').some((cells) => cells[1] === number)),
		JSON.stringify(rows),
	);
	const spend = Object.fromEntries(section('spend').map((cells) => [cells[1], Number(cells[2])]));
	verify(
		`the CSV's spend is the sandbox's to the cent: USD ${want.spend.spent_usd} so far, forecast USD ${want.spend.forecast_usd}, budget USD ${want.spend.budget_usd}, ${want.spend.remediated} numbers remediated`,
		JSON.stringify(spend) === JSON.stringify(want.spend),
		JSON.stringify({ spend, want: want.spend }),
	);
	const page = decodedBody(html?.body ?? '');
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: ['--no-sandbox', '--disable-gpu'],
	});
	try {
		const tab = await browser.newPage({ viewport: { width: 760, height: 900 } });
		await tab.setContent(page, { waitUntil: 'load' });
		const picture = join(process.env.TELNYX_E2E_REPORT_DIR ?? reportDir, 'weekly-report.jpg');
		await tab.screenshot({ path: picture, type: 'jpeg', quality: 90, fullPage: true });
		const bars = await tab
			.locator('div[style*="height:14px"]')
			.evaluateAll((divs) => divs.map((div) => div.getBoundingClientRect().width));
		const text = await tab.locator('body').innerText();
		verify(
			`the email renders in Chromium: 8 bars drawn in HTML, the sections shown (${picture})`,
			bars.length === 8 &&
				bars.some((width) => width > 100) &&
				['What monitoring costs this month', 'Numbers per spam risk', 'Resting now'].every(
					(title) => text.includes(title),
				),
			`${JSON.stringify(bars)} ${text.slice(0, 1000)}`,
		);
		const [spent, forecast, budget] = await tab
			.locator('div[style*="height:18px"]')
			.evaluateAll((divs) => divs.map((div) => div.getBoundingClientRect().width));
		const { spent_usd: spentUsd, forecast_usd: forecastUsd, budget_usd: budgetUsd } = want.spend;
		const scale = Math.max(spentUsd, forecastUsd, budgetUsd);
		// Each bar as long as its amount on one scale (a pixel either way for rounding).
		const drawn = [spent, forecast, budget].every(
			(width, index) =>
				Math.abs(
					width / Math.max(spent, forecast, budget) -
						[spentUsd, forecastUsd, budgetUsd][index] / scale,
				) < 0.01,
		);
		const amounts = [spentUsd, forecastUsd, budgetUsd].map(
			(amount) => `USD ${amount.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
		);
		verify(
			'the spend chart shows two bars, this month so far and the forecast, beside the budget, each as long as its amount, and says whether the forecast is within it',
			drawn &&
				amounts.every((amount) => text.includes(amount)) &&
				text.includes(forecastUsd > budgetUsd ? 'over the budget' : 'within the budget'),
			`${JSON.stringify([spent, forecast, budget])} ${text.slice(0, 600)}`,
		);
	} finally {
		await browser.close();
	}
}
