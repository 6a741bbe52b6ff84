// POST /documents, Telnyx's Documents API (not in ../shared/telnyx/reputation-api.yml, which is
// read-only here), as https://developers.telnyx.com/api-reference/documents/upload-a-document
// gives it: multipart/form-data with `file` (the file) and an optional `customer_reference`;
// 200 with the document record, whose `id` is what Enable and Replace LOA take as
// loa_document_id. At most 20 MB; spaces are removed from the file name; Telnyx deletes a
// document not linked to a service within 30 minutes (not modelled).
import { createHash, randomUUID } from 'node:crypto';

import type { Reply } from '../envelope';
import { errors, invalid } from '../envelope';
import type { MultipartBody } from '../multipart';
import type { Route, RouteContext } from '../router';

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_FILENAME = 512;

const isMultipart = (body: unknown): body is MultipartBody =>
	typeof body === 'object' && body !== null && 'files' in body && 'fields' in body;

function upload({ state, body }: RouteContext): Reply {
	const file = isMultipart(body) ? body.files.file : undefined;
	if (!isMultipart(body) || !file)
		return errors(
			422,
			invalid('a file is required (multipart field "file")', { pointer: '/body/file' }),
		);
	if (file.content.length === 0 || file.content.length > MAX_BYTES)
		return errors(422, invalid('the file must be 1 byte to 20 MB', { pointer: '/body/file' }));
	const filename = file.filename.replace(/\s+/g, '');
	if (filename.length > MAX_FILENAME)
		return errors(
			422,
			invalid('the file name is longer than 512 characters', { pointer: '/body/file' }),
		);
	const now = state.now();
	const document = {
		id: randomUUID(),
		record_type: 'document' as const,
		filename,
		content_type: file.contentType,
		size: { unit: 'bytes' as const, amount: file.content.length },
		sha256: createHash('sha256').update(file.content).digest('hex'),
		status: 'pending' as const,
		av_scan_status: 'scanned' as const,
		customer_reference: body.fields.customer_reference ?? null,
		created_at: now,
		updated_at: now,
		content: file.content,
	};
	state.documents.set(document.id, document);
	const { content: _content, ...record } = document;
	return { status: 200, body: { data: record } };
}

export const documentRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/documents$/, handle: upload },
];
