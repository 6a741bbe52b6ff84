// A mail server on 127.0.0.1 that accepts every message and keeps it: the SMTP account of the
// examples whose tools wait for a person's approval by email (n8n's Send Email, "Send and Wait
// for Response"), so a test reads the approval email and follows its link as the person would;
// and `npm run dev`'s mail stand-in, which prints each message as it arrives.
import type { Socket } from 'node:net';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpSink {
	port: number;
	/** The messages received, each as sent (headers and body, transfer-encoded). */
	messages: string[];
	close(): Promise<void>;
}

/** An n8n SMTP credential (type `smtp`) for the sink: plain SMTP on 127.0.0.1, no login. */
export function smtpCredential(sink: SmtpSink, id: string, name: string) {
	return {
		id,
		name,
		type: 'smtp',
		data: { host: '127.0.0.1', port: sink.port, secure: false, disableStartTls: true },
	};
}

/** The body of a message as text: quoted-printable soft breaks and escapes undone. */
export function decodedBody(message: string): string {
	return message
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The addresses the message's links point to (its buttons, in an approval email). */
export function linksOf(message: string): string[] {
	return [...decodedBody(message).matchAll(/href="([^"]+)"/g)].map((match) =>
		match[1].replace(/&amp;/g, '&'),
	);
}

/** One SMTP session (RFC 5321's commands a client such as nodemailer sends, without TLS or auth). */
function serve(socket: Socket, keep: (message: string) => void) {
	let buffer = '';
	let data: string | undefined;
	const reply = (line: string) => socket.write(`${line}\r\n`);
	socket.on('data', (chunk) => {
		buffer += chunk.toString('utf8');
		for (;;) {
			if (data !== undefined) {
				const end = buffer.indexOf('\r\n.\r\n');
				if (end < 0) return;
				// A line the client began with a dot was sent with a second one (RFC 5321 4.5.2).
				keep((data + buffer.slice(0, end)).replace(/(^|\r\n)\.\./g, '$1.'));
				buffer = buffer.slice(end + 5);
				data = undefined;
				reply('250 2.0.0 Queued');
				continue;
			}
			const lineEnd = buffer.indexOf('\r\n');
			if (lineEnd < 0) return;
			const command = buffer.slice(0, lineEnd).slice(0, 4).toUpperCase();
			buffer = buffer.slice(lineEnd + 2);
			if (command === 'EHLO') reply('250-sink.localhost\r\n250 8BITMIME');
			else if (command === 'DATA') {
				data = '';
				reply('354 End data with <CR><LF>.<CR><LF>');
			} else if (command === 'QUIT') {
				reply('221 Bye');
				socket.end();
				return;
			} else reply('250 OK');
		}
	});
	socket.on('error', () => {});
	reply('220 sink.localhost ESMTP');
}

/** `onMessage` sees each message as it arrives. */
export async function startSmtpSink(onMessage?: (message: string) => void): Promise<SmtpSink> {
	const messages: string[] = [];
	const server = createServer((socket) =>
		serve(socket, (message) => {
			messages.push(message);
			onMessage?.(message);
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		messages,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
