import type { PolicyService } from '../../server/src/core/service';

/** `service` with a counter of the documents it segments (`cut()`: how many so far). */
export function countingSegments(service: PolicyService): { service: PolicyService; cut: () => number } {
  let n = 0;
  const s = Object.create(service, {
    segmentDoc: { value: (text: string) => (n++, service.segmentDoc(text)) },
  }) as PolicyService;
  return { service: s, cut: () => n };
}
