/** Health of an object as Argo CD colours it: Healthy, Progressing, Degraded, Suspended or Missing. */
export function health(object) {
  const status = object.status || {};
  const spec = object.spec || {};
  switch (object.kind) {
    case 'Pod': return object.metadata.deletionTimestamp ? 'Progressing' : podHealth(status);
    case 'Deployment': {
      const progressing = (status.conditions || []).find(c => c.type === 'Progressing');
      if (progressing && progressing.status === 'False') return 'Degraded';
      if (spec.paused) return 'Suspended';
      const want = spec.replicas ?? 1;
      const settled = (status.observedGeneration ?? 0) >= (object.metadata.generation ?? 0)
        && (status.updatedReplicas ?? 0) === want && (status.availableReplicas ?? 0) === want
        && (status.replicas ?? 0) === want;
      return settled ? 'Healthy' : 'Progressing';
    }
    case 'ReplicaSet':
    case 'StatefulSet':
      return (status.readyReplicas ?? 0) >= (spec.replicas ?? 1) ? 'Healthy' : 'Progressing';
    case 'DaemonSet':
      return (status.numberReady ?? 0) >= (status.desiredNumberScheduled ?? 0) ? 'Healthy' : 'Progressing';
    case 'Job': {
      const conditions = status.conditions || [];
      if (conditions.some(c => c.type === 'Failed' && c.status === 'True')) return 'Degraded';
      if (conditions.some(c => c.type === 'Complete' && c.status === 'True')) return 'Healthy';
      return spec.suspend ? 'Suspended' : 'Progressing';
    }
    case 'Endpoints':
      return (object.subsets || []).some(s => (s.addresses || []).length) ? 'Healthy' : 'Progressing';
    case 'Node': {
      const ready = (status.conditions || []).find(c => c.type === 'Ready');
      return ready && ready.status === 'True' ? 'Healthy' : 'Degraded';
    }
    default: return 'Healthy';
  }
}

function podHealth(status) {
  const containers = status.containerStatuses || [];
  const waiting = containers.map(c => c.state && c.state.waiting && c.state.waiting.reason).filter(Boolean);
  if (status.phase === 'Failed' || waiting.some(r => /BackOff|Err|Invalid/.test(r))) return 'Degraded';
  if (status.phase === 'Succeeded') return 'Healthy';
  if (status.phase === 'Running' && containers.length && containers.every(c => c.ready)) return 'Healthy';
  return 'Progressing';
}

/** What a pod is doing, as orc get pods says it. */
export function podState(pod) {
  const status = pod.status || {};
  for (const c of status.containerStatuses || []) {
    if (c.state && c.state.waiting && c.state.waiting.reason) return c.state.waiting.reason;
    if (c.state && c.state.terminated && status.phase !== 'Succeeded') return c.state.terminated.reason || 'Terminated';
  }
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  return status.phase || 'Pending';
}
