import type { ApiEventName, ApiEvents } from '../contract/events';

type AnyListener = (event: ApiEventName, payload: ApiEvents[ApiEventName]) => void;

/** In-process event bus; each door forwards everything it receives to its own subscribers. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken subscriber (a closed socket) must not stop the others or the work that emitted.
      }
    }
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
