using System.Runtime.CompilerServices;

// The worker's internals (queue selection) are unit-tested directly.
[assembly: InternalsVisibleTo("JobGen.Runtime.Tests")]
