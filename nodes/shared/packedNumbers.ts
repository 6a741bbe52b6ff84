// What a node remembers of each monitored number between runs, in workflow static data: a few
// characters per number, packed so 100,000 numbers stay within a couple of megabytes (n8n writes
// the static data back after every run that changed it).

/** What is kept of each number, by key (its digits, as a number). */
export type KeptNumbers = Map<number, string>;

export const numberKey = (phoneNumber: string) => Number(phoneNumber.replace(/\D/g, ''));

/** The number a key stands for, in E.164 (every key is a number's digits). */
export const keyNumber = (key: number) => `+${key}`;

/**
 * The kept entries as one string, in the order of the numbers: each entry is the step from the
 * number before (base 36) and `:` before what is kept, entries `,`-separated: under half of an
 * object by number.
 */
export function packNumbers(numbers: KeptNumbers): string {
	const keys = Float64Array.from(numbers.keys()).sort();
	const entries = new Array<string>(keys.length);
	let previous = 0;
	keys.forEach((key, index) => {
		entries[index] = `${(key - previous).toString(36)}:${numbers.get(key)}`;
		previous = key;
	});
	return entries.join(',');
}

/** The kept entries, from what packNumbers wrote (or the object by base-36 key of earlier versions). */
export function unpackNumbers(numbers: string | Record<string, string> | undefined): KeptNumbers {
	if (typeof numbers !== 'string')
		return new Map(Object.entries(numbers ?? {}).map(([key, kept]) => [parseInt(key, 36), kept]));
	const unpacked: KeptNumbers = new Map();
	let number = 0;
	for (let start = 0; start < numbers.length; ) {
		const colon = numbers.indexOf(':', start);
		const comma = numbers.indexOf(',', colon);
		const end = comma < 0 ? numbers.length : comma;
		number += parseInt(numbers.slice(start, colon), 36);
		unpacked.set(number, numbers.slice(colon + 1, end));
		start = end + 1;
	}
	return unpacked;
}
