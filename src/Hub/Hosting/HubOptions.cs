namespace IntegrationHub.Hub.Hosting;

/// <summary>The hub's configuration (section "Hub"; environment variables Hub__DataDirectory etc.).</summary>
public sealed class HubOptions
{
    /// <summary>Where the embedded default keeps its files. A new directory means a new, empty hub.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>embedded (in-memory bus, the default) or rabbitmq.</summary>
    public string? Transport { get; set; }
    public RabbitMqOptions RabbitMq { get; set; } = new();
    public DatabaseOptions Database { get; set; } = new();
    public PathOption Directory { get; set; } = new();
    public PathOption Covenants { get; set; } = new();
    /// <summary>The chain around the child: regions, coordination tables, terms (docs/chain.md); default the embedded demo.</summary>
    public PathOption Chain { get; set; } = new();
    public ClockOptions Clock { get; set; } = new();
    public SchedulerOptions Scheduler { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public Delivery.WebhookOptions Webhook { get; set; } = new();
    public InboundOptions Inbound { get; set; } = new();
    public OutboxOptions Outbox { get; set; } = new();
    /// <summary>The SMTP server people are notified through (docs/operators.md, E-mail).</summary>
    public Email.EmailOptions Email { get; set; } = new();
    public Access.HttpsOptions Https { get; set; } = new();
    /// <summary>Date ranges intake holds feedback and handovers to (clock skew, planned end horizon).</summary>
    public Contracts.Validation.IntakeLimits Intake { get; set; } = new();
    /// <summary>How much refused input one caller may send before it is answered 429.</summary>
    public Http.RefusalLimitOptions RefusalLimit { get; set; } = new();
    /// <summary>How many agency writes the hub takes on at once before it answers 503 with Retry-After.</summary>
    public Http.AdmissionOptions Admission { get; set; } = new();

    /// <summary>
    /// The embedded default (API.md): in-memory bus and SQLite under the data directory, for demos and tests.
    /// Only here do the public demo credentials work.
    /// </summary>
    public bool IsEmbeddedDefault => !UsesRabbitMq && string.Equals(Database.Provider, "sqlite", StringComparison.OrdinalIgnoreCase);

    public bool UsesRabbitMq => string.Equals(Transport, "rabbitmq", StringComparison.OrdinalIgnoreCase)
        || (Transport is null && (!string.IsNullOrEmpty(RabbitMq.Host) || RabbitMq.Hosts.Count > 0));
}

public sealed class RabbitMqOptions
{
    public string? Host { get; set; }
    /// <summary>Default 5672, or 5671 (AMQPS) when <see cref="RabbitMqTlsOptions.Enabled"/>.</summary>
    public ushort? Port { get; set; }
    /// <summary>The nodes of a RabbitMQ cluster, each <c>host</c> or <c>host:port</c> (<see cref="Port"/> when none is
    /// given); used instead of <see cref="Host"/> when set. Each connection goes to one of them and, when that node
    /// goes, recovers on another (docs/cluster.md).</summary>
    public List<string> Hosts { get; set; } = [];
    /// <summary>Agency and inbound queues as quorum queues (replicated, on a cluster); false keeps classic queues.
    /// A queue's type cannot change in place: see <c>broker migrate-queues</c> (docs/cluster.md).</summary>
    public bool QuorumQueues { get; set; } = true;
    public string VirtualHost { get; set; } = "/";
    /// <summary>The hub's own broker user (<c>broker provision</c> creates it). No default: the hub never
    /// connects as RabbitMQ's built-in guest, and refuses to start without a user and password.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
    public RabbitMqTlsOptions Tls { get; set; } = new();

    public ushort EffectivePort => Port ?? (Tls.Enabled ? (ushort)5671 : (ushort)5672);
}

/// <summary>AMQPS to the broker, for every connection the hub makes (docs/operators.md).</summary>
public sealed class RabbitMqTlsOptions
{
    public bool Enabled { get; set; }
    /// <summary>The name the broker's certificate must carry; default <see cref="RabbitMqOptions.Host"/>.</summary>
    public string? ServerName { get; set; }
    /// <summary>A PEM file with the certificate of the CA that issued the broker's certificate (a private CA).
    /// When set, only that CA is trusted for the broker; without it, the system's trust store.</summary>
    public string? CaCertificatePath { get; set; }
    /// <summary>A PKCS#12 file (.p12/.pfx) with the hub's client certificate and key, for brokers that ask for one.</summary>
    public string? ClientCertificatePath { get; set; }
    public string? ClientCertificatePassword { get; set; }
}

public sealed class DatabaseOptions
{
    /// <summary>sqlite (a file under DataDirectory, the default) or postgres.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>For postgres: an Npgsql connection string. For sqlite: optional file path.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class PathOption
{
    public string? Path { get; set; }
}

public sealed class ClockOptions
{
    public bool Simulated { get; set; }
    /// <summary>Where the simulated clock starts; default: the real time at start-up.</summary>
    public DateTimeOffset? Start { get; set; }
}

public sealed class SchedulerOptions
{
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often what has passed its retention term is purged (docs/operators.md, Retention).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The agencies' inbound queues on RabbitMQ (hub.inbound.{id}).</summary>
public sealed class InboundOptions
{
    /// <summary>Unacknowledged messages per agency queue: small, so a slow database holds few messages back.</summary>
    public ushort PrefetchCount { get; set; } = 16;
    /// <summary>How long to wait before requeueing a message the hub could not take (database down).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// How often a message the hub could not take for a transient reason (database or broker unreachable) is
    /// tried before it is refused to the agency's .inbound.error queue; other failures are refused at once.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;
}

public sealed class OutboxOptions
{
    /// <summary>How long a dispatcher holds the rows it claimed; a crashed instance's claims expire after this.</summary>
    public TimeSpan ClaimTime { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The longest wait between two tries of a failing send.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class BusOptions
{
    /// <summary>How many messages the saga endpoint handles at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 16;
    public ushort PrefetchCount { get; set; } = 64;
}
