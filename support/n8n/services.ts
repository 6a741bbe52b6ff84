// Redis and PostgreSQL for n8n's queue mode, from Debian's packages (redis-server, postgresql),
// started on 127.0.0.1 on free ports with throwaway data folders, and stopped with the run.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { missingPrerequisites, postgresBin, POSTGRESQL } from '../prerequisites';
import { freePort } from './ports';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

async function waitUntil(what: string, ready: () => boolean): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		if (ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${what} did not start in 10 seconds`);
}

const stopped = async (child: ChildProcess) => {
	if (child.exitCode !== null) return;
	child.kill('SIGTERM');
	await new Promise((resolve) => child.once('exit', resolve));
};

export async function startRedis(dir: string): Promise<Service> {
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	const redis = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{
			stdio: 'ignore',
		},
	);
	await waitUntil('Redis', () => {
		try {
			return (
				execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() ===
				'PONG'
			);
		} catch {
			return false;
		}
	});
	return { port, stop: async () => await stopped(redis) };
}

export interface Postgres extends Service {
	url: string;
	/** What an n8n process is given to use this database. */
	env: Record<string, string>;
	/** Creates another database for n8n; answers what an n8n process is given to use it instead. */
	createDatabase(name: string): Record<string, string>;
}

/** PostgreSQL runs as the `postgres` user, so its folders are made writable for it. */
export async function startPostgres(dir: string): Promise<Postgres> {
	const serverBin = postgresBin();
	if (!serverBin) throw new Error(missingPrerequisites('startPostgres', [POSTGRESQL]));
	const bin = (name: string) => join(serverBin, name);
	const port = await freePort();
	const data = join(dir, 'data');
	mkdirSync(dir, { recursive: true });
	// PostgreSQL's own user must reach the folder: its parent opened to it too (a mkdtemp is 0700).
	chmodSync(join(dir, '..'), 0o755);
	chmodSync(dir, 0o777);
	const asPostgres = (command: string) =>
		execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' });
	asPostgres(`${bin('initdb')} -D ${data} -U postgres --auth=trust -E UTF8 --no-sync`);
	asPostgres(
		`${bin('pg_ctl')} -D ${data} -l ${join(dir, 'pg.log')} -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" -w start`,
	);
	const psql = (sql: string) =>
		execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', sql], {
			stdio: 'pipe',
		});
	psql("CREATE USER n8n PASSWORD 'n8n'");
	psql('CREATE DATABASE n8n OWNER n8n');
	return {
		port,
		url: `postgres://n8n:n8n@127.0.0.1:${port}/n8n`,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
		},
		createDatabase: (name: string) => {
			psql(`CREATE DATABASE ${name} OWNER n8n`);
			return { DB_POSTGRESDB_DATABASE: name };
		},
		stop: async () => void asPostgres(`${bin('pg_ctl')} -D ${data} -m fast -w stop`),
	};
}
