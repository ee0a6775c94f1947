import type { ActorKindValue } from '../vocabulary';

/** An actor as stored in the `actors` collection. */
export interface ActorDocument {
  _id: string;
  name: string;
  kind: ActorKindValue;
  named: boolean;
  role: string | null;
  affiliationId: string | null;
  country: string | null;
  aliases: string[];
  /** How many people an unnamed collective source stands for; null for one, or unknown. */
  headcount: number | null;
}
