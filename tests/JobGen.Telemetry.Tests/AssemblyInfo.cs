// JobGen's meter and activity source are process-wide: the tests run one after another so that each one's exporter
// sees only its own jobs' spans and measurements.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
