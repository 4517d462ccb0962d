// The sandbox's stores by hash, kept in a state file between runs when one is given (npm start:
// .cache/sandbox-state.json), so orders, attributes, hooks and ids outlive a restart.
import { JsonFile } from '../json-file';
import { StoreState } from './store-state';

export class Stores {
  private readonly states = new Map<string, StoreState>();
  private readonly file: JsonFile<Map<string, StoreState>> | undefined;

  constructor(stateFile: string | undefined) {
    this.file = stateFile === undefined ? undefined : new JsonFile(stateFile);
    for (const [storeHash, saved] of this.file?.load() ?? [])
      this.states.set(storeHash, Object.assign(new StoreState(), saved));
  }

  /** The store's state, created empty on first use. */
  get(storeHash: string): StoreState {
    const state = this.states.get(storeHash) ?? new StoreState();
    this.states.set(storeHash, state);
    return state;
  }

  /** Saves the stores soon (debounced): after every change a request or a callback may have made. */
  persist(): void {
    this.file?.save(() => this.states);
  }

  /** Writes a pending save now (on close). */
  flush(): void {
    this.file?.flush();
  }
}
