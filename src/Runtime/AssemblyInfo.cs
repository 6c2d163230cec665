using System.Runtime.CompilerServices;

// Internals (the envelope codec, job ids, storage snapshots, queue selection) are tested and measured directly;
// they are not part of the public surface.
[assembly: InternalsVisibleTo("JobGen.Runtime.Tests")]
[assembly: InternalsVisibleTo("JobGen.Benchmarks")]

// JobGen.Testing runs jobs through the worker's own processor (dispatch, middleware, retry policy, dead set) on a
// fake clock; it ships in lockstep with this assembly.
[assembly: InternalsVisibleTo("JobGen.Testing")]
