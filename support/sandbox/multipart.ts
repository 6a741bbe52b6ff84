// multipart/form-data bodies (Telnyx's POST /documents), read into their fields and files.

export interface FilePart {
	filename: string;
	contentType: string;
	content: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: Record<string, FilePart>;
}

/** The boundary of a multipart/form-data Content-Type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return undefined;
	return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
}

/** Splits `body` on the boundary; undefined when it is not a well-formed multipart body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const parsed: MultipartBody = { fields: {}, files: {} };
	let start = body.indexOf(delimiter);
	if (start === -1) return undefined;
	for (;;) {
		start += delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') return parsed;
		const next = body.indexOf(delimiter, start);
		if (next === -1) return undefined;
		// Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
		const part = body.subarray(start + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split === -1) return undefined;
		const headers = part.subarray(0, split).toString('utf8');
		const content = part.subarray(split + 4);
		const name = /name="([^"]*)"/i.exec(headers)?.[1];
		if (name === undefined) return undefined;
		const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
		if (filename === undefined) parsed.fields[name] = content.toString('utf8');
		else {
			const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
			parsed.files[name] = {
				filename,
				contentType: contentType ?? 'application/octet-stream',
				content,
			};
		}
		start = next;
	}
}
