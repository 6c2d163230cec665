using System.Runtime.CompilerServices;

// Internals (the envelope codec, job ids, storage snapshots, queue selection) are tested and measured directly;
// they are not part of the public surface.
[assembly: InternalsVisibleTo("JobGen.Runtime.Tests")]
[assembly: InternalsVisibleTo("JobGen.Benchmarks")]
