namespace SnoopRecorder.Benchmarks.Queries;

/// <summary>The traffic profile of a generated host: which requests it gets and how fast it answers.</summary>
internal enum SyntheticHostKind
{
    /// <summary>A public REST API: reads by id, listings with query strings, some writes.</summary>
    Api,

    /// <summary>Static assets: scripts, styles and images, many 304s, fast.</summary>
    Static,

    /// <summary>An object store: GET/PUT/HEAD of objects, slower.</summary>
    Storage,

    /// <summary>A cluster-internal service on port 8080: events, config, metrics and health checks.</summary>
    Internal,
}
