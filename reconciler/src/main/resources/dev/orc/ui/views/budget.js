/**
 * The milliseconds a drawing spends building new elements before it yields to the browser until the next frame: a
 * first load draws from the top, the first screenful first, and the rest in as few frames as this allows, so the page
 * answers input all along; a change redraws only its own objects.
 */
const BUILD_MS_PER_FRAME = 40;

/** The time one frame of a drawing may spend building new elements, counted from the first one it builds. */
export class FrameBudget {
  constructor() {
    this.started = 0;
    this.spent = false;
  }

  /** Whether a new element may be built in this frame; once refused, every later one of the frame is refused too. */
  allows() {
    const now = performance.now();
    if (!this.started) this.started = now;
    if (now - this.started > BUILD_MS_PER_FRAME) this.spent = true;
    return !this.spent;
  }
}
