// The only module that imports libphonenumber-js, so that what the build bundles is decided here.
import type { CountryCode } from 'libphonenumber-js';
import {
	isSupportedCountry,
	ParseError,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
} from 'libphonenumber-js';

export type { CountryCode };

/** The Reputation API monitors US numbers only today (Canada and the rest of +1 are refused). */
const SUPPORTED_COUNTRY: CountryCode = 'US';

/** What the Default Country option starts as: national formats are read as US numbers. */
export const DEFAULT_COUNTRY: CountryCode = SUPPORTED_COUNTRY;

/** A number the API can take (with the extension it was written with, which the API does not monitor), or why not. */
type NormalizedNumber = { e164: string; extension?: string } | { reason: string };

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

export function isCountryCode(value: unknown): value is CountryCode {
	return typeof value === 'string' && isSupportedCountry(value);
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The value of any Unicode decimal digit (Arabic-Indic, Devanagari…): Unicode encodes each
 * script's digits as a run of ten code points from 0 to 9, so the value is the position in
 * that run.
 */
function digitValue(char: string): string {
	const codePoint = char.codePointAt(0) as number;
	let before = 0;
	while (before < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(codePoint - before - 1))) before++;
	return String(before % 10);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** A number as most values come (`+19493253498`): nothing to fold, unwrap or split. */
const DIGITS_ONLY = /^\+?\d+$/;

/** `tel:+1-949-325-3498;ext=12;phone-context=…` (RFC 3966) → `+1-949-325-3498 ext. 12`. */
const TEL_URI = /\btel:([^;,\s]+)((?:;[^;,\s]*)*)/giu;

function telUriToText(_uri: string, number: string, parameters: string): string {
	const extension = /;ext=([^;]+)/i.exec(parameters)?.[1];
	return extension ? `${number} ext. ${extension}` : number;
}

/**
 * What a user pasted, as plain text: compatibility forms folded (full-width digits and plus),
 * invisible format characters dropped (zero-width spaces, bidi marks, BOM), every kind of
 * space made a space, every script's decimal digits made ASCII, and tel: URIs unwrapped.
 */
function plainText(text: string): string {
	if (DIGITS_ONLY.test(text)) return text;
	// Printable ASCII, as most numbers come, has nothing to fold, drop or convert.
	const folded = PRINTABLE_ASCII.test(text)
		? text
		: text
				.normalize('NFKC')
				.replace(/\p{Cf}/gu, '')
				.replace(/\p{Zs}/gu, ' ')
				.replace(/[^\P{Nd}0-9]/gu, digitValue);
	return folded.replace(TEL_URI, telUriToText);
}

/**
 * Whether a US number is valid, by its first six national digits (area code and exchange):
 * under the metadata the build ships, these decide a +1 number's validity and region (checked
 * over all 800,000 prefixes). Bounded: cleared when full.
 */
const validUsPrefixes = new Map<string, boolean>();
const MAX_PREFIXES = 100_000;

/**
 * The fast path for the common case, a US number in a usual format (`+19493253498`,
 * `(949) 325-3498`, `1-949-325-3498`) read as US: its E.164 when valid, else undefined, and the
 * full parse below decides (and words the reason).
 */
function fastUs(text: string, country: CountryCode): string | undefined {
	if (country !== 'US' || !/^\+?[\d\s().-]+$/.test(text)) return undefined;
	const digits = text.replace(/\D/g, '');
	const national =
		digits.length === 11 && digits[0] === '1'
			? digits.slice(1)
			: !text.startsWith('+') && digits.length === 10
				? digits
				: '';
	if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return undefined;
	const e164 = `+1${national}`;
	const prefix = national.slice(0, 6);
	let valid = validUsPrefixes.get(prefix);
	if (valid === undefined) {
		if (validUsPrefixes.size >= MAX_PREFIXES) validUsPrefixes.clear();
		const full = parseFully(e164, country);
		valid = 'e164' in full && full.e164 === e164;
		validUsPrefixes.set(prefix, valid);
	}
	return valid ? e164 : undefined;
}

function parse(text: string, country: CountryCode): NormalizedNumber {
	const fast = fastUs(text, country);
	return fast ? { e164: fast } : parseFully(text, country);
}

/** Where a number that no country claims is invalid: +1's plan has area codes and exchanges. */
const invalidIn = (callingCode: string) =>
	callingCode === '1'
		? ' in North America: no such area code or exchange'
		: ` for country code +${callingCode}`;

function parseFully(text: string, country: CountryCode): NormalizedNumber {
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
			reason: length
				? `${LENGTH_REASON[length]}${where}`
				: `not a valid number${where || invalidIn(phone.countryCallingCode)}`,
		};
	}
	if (phone.country !== SUPPORTED_COUNTRY) {
		return {
			reason: `a ${regionName(phone.country ?? `+${phone.countryCallingCode}`)} number; Telnyx Number Reputation accepts US numbers only`,
		};
	}
	return phone.ext ? { e164: phone.number, extension: phone.ext } : { e164: phone.number };
}

/** Normalizes one value to E.164, or says why it is not a number the API can take. */
export function normalizeNumber(value: unknown, country: CountryCode): NormalizedNumber {
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) && value > 0
			? parse(String(value), country)
			: { reason: 'not a phone number' };
	}
	if (value === undefined) return { reason: 'no phone number given' };
	if (typeof value !== 'string') {
		return { reason: `not a phone number (got ${value === null ? 'null' : typeof value})` };
	}
	return parse(plainText(value).trim(), country);
}

/** A number as the API may spell it in an answer (`19493253498`, `+1 (949) 325-3498`), in E.164 where it reads as one. */
export function canonical(value: string): string {
	const normalized = normalizeNumber(value, SUPPORTED_COUNTRY);
	return 'e164' in normalized ? normalized.e164 : value;
}

const SEPARATORS = /[,;\r\n\t|]+/;

interface ReadNumber {
	input: unknown;
	normalized: NormalizedNumber;
}

/**
 * Reads what an upstream node produced (an array, nested arrays, a number, or text with
 * numbers separated by commas, semicolons, new lines or spaces), parsing each value once.
 * Nothing is dropped: a value that is not text or a list comes back as it is, to be
 * reported. Spaces separate numbers only when every part is a number by itself, since
 * "(949) 325 3498" is one number written with spaces. A single value keeps the text the
 * user gave as its input.
 */
export function readNumbers(value: unknown, country: CountryCode): ReadNumber[] {
	const read = readValue(value, country, 0);
	return read.length > 0
		? read
		: [{ input: value, normalized: { reason: 'no phone number given' } }];
}

/** A list written as JSON in a string (what `$fromAI` gives for a list typed as a string), else undefined. */
function jsonArray(value: string): unknown[] | undefined {
	const text = value.trim();
	if (!text.startsWith('[') || !text.endsWith(']')) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function readValue(value: unknown, country: CountryCode, depth: number): ReadNumber[] {
	if (Array.isArray(value)) {
		if (depth > 5) return [{ input: value, normalized: normalizeNumber(value, country) }];
		return value.flatMap((entry) => readValue(entry, country, depth + 1));
	}
	if (typeof value !== 'string')
		return [{ input: value, normalized: normalizeNumber(value, country) }];
	if (DIGITS_ONLY.test(value)) return [{ input: value, normalized: parse(value, country) }];
	const list = jsonArray(value);
	if (list) return readValue(list, country, depth + 1);
	const chunks = plainText(value)
		.split(SEPARATORS)
		.map((chunk) => chunk.trim())
		.filter((chunk) => chunk !== '');
	const read = chunks.flatMap((chunk): ReadNumber[] => {
		const whole = parse(chunk, country);
		if ('e164' in whole) return [{ input: chunk, normalized: whole }];
		const words = chunk.split(/\s+/);
		if (words.length < 2) return [{ input: chunk, normalized: whole }];
		const each = words.map((word) => ({ input: word, normalized: parse(word, country) }));
		return each.every((word) => 'e164' in word.normalized)
			? each
			: [{ input: chunk, normalized: whole }];
	});
	return read.length === 1 ? [{ ...read[0], input: value }] : read;
}
