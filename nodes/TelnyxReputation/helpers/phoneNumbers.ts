// The only module that imports libphonenumber-js, so that what the build bundles is decided here.
import type { CountryCode } from 'libphonenumber-js';
import {
	getCountries,
	isSupportedCountry,
	ParseError,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
} from 'libphonenumber-js';
import type { INodePropertyOptions } from 'n8n-workflow';

export type { CountryCode };

/** The Reputation API monitors US numbers only today (Canada and the rest of +1 are refused). */
export const SUPPORTED_COUNTRY: CountryCode = 'US';

export type NormalizedNumber = { e164: string } | { reason: string };

const PARSE_REASON: Record<string, string> = {
	NOT_A_NUMBER: 'not a phone number',
	INVALID_COUNTRY: 'no country code, and no default country to read it with',
	TOO_SHORT: 'too short to be a phone number',
	TOO_LONG: 'too long to be a phone number',
	INVALID_LENGTH: 'wrong number of digits',
};

const LENGTH_REASON: Record<string, string> = {
	TOO_SHORT: 'too short',
	TOO_LONG: 'too long',
	INVALID_LENGTH: 'wrong number of digits',
	NOT_A_NUMBER: 'not a phone number',
	INVALID_COUNTRY: 'unknown country code',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function regionName(code: string): string {
	try {
		return regionNames.of(code) ?? code;
	} catch {
		return code;
	}
}

/** Countries libphonenumber-js knows, for the Default Country dropdown, US first. */
export const countryOptions: INodePropertyOptions[] = getCountries()
	.map((code) => ({ name: `${regionName(code)} (${code})`, value: code as string }))
	.sort((a, b) =>
		a.value === SUPPORTED_COUNTRY ? -1 : b.value === SUPPORTED_COUNTRY ? 1 : a.name.localeCompare(b.name),
	);

export function isCountryCode(value: unknown): value is CountryCode {
	return typeof value === 'string' && isSupportedCountry(value);
}

function parse(text: string, country: CountryCode): NormalizedNumber {
	if (!/\d/.test(text)) return { reason: 'not a phone number' };
	let phone;
	try {
		phone = parsePhoneNumberWithError(text, { defaultCountry: country, extract: false });
	} catch (error) {
		const code = error instanceof ParseError ? error.message : '';
		return { reason: PARSE_REASON[code] ?? 'not a phone number' };
	}
	if (!phone.isValid()) {
		const length = validatePhoneNumberLength(text, country);
		const where = phone.country ? ` for ${regionName(phone.country)}` : '';
		return {
			reason: length ? `${LENGTH_REASON[length]}${where}` : `not a valid number${where || ` (+${phone.countryCallingCode})`}`,
		};
	}
	if (phone.country !== SUPPORTED_COUNTRY) {
		return {
			reason: `a ${regionName(phone.country ?? `+${phone.countryCallingCode}`)} number; Telnyx Number Reputation accepts US numbers only`,
		};
	}
	return { e164: phone.number };
}

/** Normalizes one value to E.164, or says why it is not a number the API can take. */
export function normalizeNumber(value: unknown, country: CountryCode): NormalizedNumber {
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) && value > 0
			? parse(String(value), country)
			: { reason: 'not a phone number' };
	}
	if (typeof value !== 'string') {
		return { reason: `not a phone number (got ${value === null ? 'null' : typeof value})` };
	}
	return parse(value.trim(), country);
}

const SEPARATORS = /[,;\r\n\t|]+/;

/**
 * Turns what an upstream node produced (an array, nested arrays, a number, or text with
 * numbers separated by commas, semicolons, new lines or spaces) into single candidates.
 * Nothing is dropped: a value that is not text or a list comes back as it is, to be
 * reported. Spaces separate numbers only when every part is a number by itself, since
 * "(949) 325 3498" is one number written with spaces.
 */
export function splitNumbers(value: unknown, country: CountryCode, depth = 0): unknown[] {
	if (Array.isArray(value)) {
		if (depth > 5) return [value];
		return value.flatMap((entry) => splitNumbers(entry, country, depth + 1));
	}
	if (typeof value !== 'string') return [value];
	return value
		.split(SEPARATORS)
		.map((chunk) => chunk.trim())
		.filter((chunk) => chunk !== '')
		.flatMap((chunk) => {
			const words = chunk.split(/\s+/);
			if (words.length < 2 || 'e164' in parse(chunk, country)) return [chunk];
			return words.every((word) => 'e164' in parse(word, country)) ? words : [chunk];
		});
}
