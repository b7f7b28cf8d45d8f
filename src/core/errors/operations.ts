/**
 * Operations (issue 19): backup and restore of the SQLite database.
 */
import type { CatalogueEntry } from './catalogue-entry.ts';

export const operationsErrors = {
  INV_ERR_BACKUP_POSTGRES: {
    status: 400,
    ro: 'Copiile de siguranță ale unei baze PostgreSQL se fac cu pg_dump și se restaurează cu pg_restore (vezi README, „Copii de siguranță”)',
    en: 'Back up a PostgreSQL database with pg_dump and restore it with pg_restore (see the README, "Backups")',
  },
  INV_ERR_BACKUP_EXISTS: { status: 409, ro: 'Fișierul „{file}” există deja', en: 'The file "{file}" exists already' },
  INV_ERR_BACKUP_NOT_FOUND: { status: 404, ro: 'Baza de date „{file}” nu există', en: 'The database "{file}" does not exist' },
  INV_ERR_RESTORE_INVALID: {
    status: 422,
    ro: 'Copia „{file}” nu poate fi restaurată: {reason}',
    en: 'The copy "{file}" cannot be restored: {reason}',
  },
  INV_ERR_RESTORE_SERVER_RUNNING: {
    status: 409,
    ro: 'Serverul rulează pe această bază de date (proces {pid}, {pidFile}): opriți-l înainte de restaurare',
    en: 'The server is running on this database (process {pid}, {pidFile}): stop it before restoring',
  },
} satisfies Record<string, CatalogueEntry>;
