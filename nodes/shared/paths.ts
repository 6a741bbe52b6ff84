/**
 * The one URL builder: fills each `{name}` of a path template with its value encoded as one
 * path segment, so a phone number's `+` travels as `%2B` and no value can add a segment or a
 * query.
 */
export function buildPath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (values[name] === undefined) throw new Error(`No value for {${name}} in ${template}`);
		return encodeURIComponent(values[name]);
	});
}
