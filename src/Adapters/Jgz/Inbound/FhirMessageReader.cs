using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Validation;
using FhirTask = Hl7.Fhir.Model.Task;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Decides what an inbound FHIR message is (one handover Task with its resources, or one or more Tasks
/// reporting feedback), translates it, and has the hub's own validators check the result.
/// </summary>
sealed class FhirMessageReader(AdapterContext context)
{
    static readonly Bundle.BundleType[] BundleTypes =
        [Bundle.BundleType.Transaction, Bundle.BundleType.Batch, Bundle.BundleType.Collection, Bundle.BundleType.Message];

    public InboundResult Read(Resource root) => root switch
    {
        Bundle bundle => ReadBundle(bundle),
        FhirTask task => ReadTasks(root, new ResourceIndex(new Located(task, "Task")), [new Located(task, "Task")]),
        _ => Invalid("resourceType", $"a {root.TypeName} is not accepted on its own: send a Bundle (handover) or a Task (feedback)"),
    };

    InboundResult ReadBundle(Bundle bundle)
    {
        if (bundle.Type is not { } type || !BundleTypes.Contains(type))
            return Invalid("Bundle.type", "is not accepted; expected transaction, batch, collection or message");
        var index = new ResourceIndex(bundle);
        var tasks = index.OfType<FhirTask>().ToList();
        if (tasks.Count == 0)
            return Invalid("Bundle.entry", "holds no Task: a handover is a Task with its ServiceRequest and Patient, feedback a Task on its own");
        return ReadTasks(bundle, index, tasks);
    }

    InboundResult ReadTasks(Resource message, ResourceIndex index, List<Located> tasks)
    {
        var roles = tasks.Select(t => (Task: t, Role: TaskRoles.Of(t.As<FhirTask>()))).ToList();
        var neither = roles.Where(r => r.Role == TaskRole.Neither).ToList();
        if (neither.Count > 0)
            return InboundResult.Invalid(neither.Select(r => new ValidationProblem($"{r.Task.Path}.status", TaskRoles.NeitherReason)));
        var handovers = roles.Where(r => r.Role == TaskRole.Handover).Select(r => r.Task).ToList();
        var feedback = roles.Where(r => r.Role == TaskRole.Feedback).Select(r => r.Task).ToList();
        if (handovers.Count > 0 && feedback.Count > 0)
            return Invalid("Bundle.entry", "holds a handover Task and feedback Tasks: send each in a message of its own");
        if (handovers.Count > 1)
            return Invalid("Bundle.entry", $"holds {handovers.Count} handover Tasks: a handover message holds exactly one");
        return handovers.Count == 1 ? ReadHandover(message, index, handovers[0]) : ReadFeedback(index, feedback);
    }

    InboundResult ReadHandover(Resource message, ResourceIndex index, Located task)
    {
        var t = new Translation(message.TypeName);
        var reader = new HandoverReader(message, index, t, context);
        var doc = reader.Read(task);
        var json = doc.ToJsonString(HubJson.Options);
        t.AddCanonical(new HandoverValidator(context.Agencies, context.Clock).Validate(json).Report.Problems);
        return (t.Problems.Count > 0 ? InboundResult.Invalid(t.Problems) : InboundResult.Of(new InboundHandover(json))).WithSource(reader.SourceMessageId);
    }

    InboundResult ReadFeedback(ResourceIndex index, List<Located> tasks)
    {
        var problems = new List<ValidationProblem>();
        var messages = new List<InboundMessage>();
        var sources = new List<string?>();
        var validator = new FeedbackValidator(context.Agencies, context.Clock);
        foreach (var task in tasks)
        {
            var t = new Translation(task.Path);
            var reader = new FeedbackReader(index, t);
            var (doc, handoverId) = reader.Read(task);
            var json = doc.ToJsonString(HubJson.Options);
            t.AddCanonical(validator.Validate(json).Report.Problems);
            problems.AddRange(t.Problems);
            sources.Add(reader.SourceMessageId);
            if (handoverId is { } id)
                messages.Add(new InboundFeedback(id, json) { SourceMessageId = reader.SourceMessageId });
        }
        // All or nothing: one bad Task spoils the message.
        return problems.Count > 0 ? InboundResult.Invalid(problems).WithSource(sources.Count == 1 ? sources[0] : null) : new InboundResult { Messages = messages };
    }

    static InboundResult Invalid(string path, string reason) => InboundResult.Invalid([new ValidationProblem(path, reason)]);
}
