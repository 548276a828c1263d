import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_question_banks';
import * as m0003 from './0003_assessments';
import * as m0004 from './0004_mail_delivery';
import * as m0005 from './0005_candidates';
import * as m0006 from './0006_scores';
import * as m0007 from './0007_question_review_and_groups';
import * as m0008 from './0008_scale';
import * as m0009 from './0009_pending_import_categories';
import * as m0010 from './0010_backups';
import * as m0011 from './0011_language_choice';
import * as m0012 from './0012_question_exposures';

/** Every migration, in order. Add new ones here; never edit or reorder a landed one. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_question_banks': m0002,
  '0003_assessments': m0003,
  '0004_mail_delivery': m0004,
  '0005_candidates': m0005,
  '0006_scores': m0006,
  '0007_question_review_and_groups': m0007,
  '0008_scale': m0008,
  '0009_pending_import_categories': m0009,
  '0010_backups': m0010,
  '0011_language_choice': m0011,
  '0012_question_exposures': m0012,
};
