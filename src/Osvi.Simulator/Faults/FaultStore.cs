using Microsoft.Extensions.Options;

namespace Osvi.Simulator.Faults;

/// <summary>The faults in force, changeable at run time (admin API or, in process, directly).</summary>
public sealed class FaultStore(IOptions<SimulatorOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(options.Value.Seed);
    private List<FaultRule> _rules = [];
    private int _nextId;

    /// <summary>Whether any rule is in force (the request path checks this first, without locking).</summary>
    public bool IsEmpty => Volatile.Read(ref _rules).Count == 0;

    /// <summary>The rules in force, with their hit counts.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Adds a rule; returns it with its id.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        lock (_gate)
        {
            var added = rule with { Id = ++_nextId, Hits = 0 };
            _rules = [.. _rules, added];
            return added;
        }
    }

    /// <summary>Removes one rule; false when there is none with that id.</summary>
    public bool Remove(int id)
    {
        lock (_gate)
        {
            var before = _rules.Count;
            _rules = [.. _rules.Where(r => r.Id != id)];
            return _rules.Count != before;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    /// <summary>The first rule that hits this request (and counts the hit), or null.</summary>
    internal FaultRule? Hit(string method, string? route, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, route, path) || (rule.Times is { } times && rule.Hits >= times))
                {
                    continue;
                }

                if (rule.Probability < 1 && _random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                var hit = rule with { Hits = rule.Hits + 1 };
                _rules = [.. _rules.Take(i), hit, .. _rules.Skip(i + 1)];
                return hit;
            }

            return null;
        }
    }
}
