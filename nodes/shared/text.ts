// How the package writes counts and lists in the messages a person reads.

/** "12,345". */
export const formatCount = (value: number) => value.toLocaleString('en-US');

/** "1 number", "3 numbers". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "a", "a and b", "a, b and c". */
export const listed = (values: string[]) =>
	values.length === 1
		? values[0]
		: `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;

/** The first `count` of `values`, comma-separated (copyable), and how many more: "a, b, c and 97 more". */
export function firstFew(values: string[], count: number): string {
	const more = values.length > count ? ` and ${values.length - count} more` : '';
	return `${values.slice(0, count).join(', ')}${more}`;
}
