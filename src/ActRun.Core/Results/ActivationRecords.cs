using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>One row of <c>actrun activations list</c>: the catalog as data.</summary>
public sealed class ActivationListRecord
{
    [Name("name")] public string Name { get; set; } = "";
    /// <summary>hidden (element-wise, usable anywhere) or output (needs the whole row: softmax and kin).</summary>
    [Name("kind")] public string Kind { get; set; } = "";
    [Name("aliases")] public string Aliases { get; set; } = "";
    /// <summary>name=default pairs, "; "-separated.</summary>
    [Name("parameters")] public string Parameters { get; set; } = "";
    [Name("formula")] public string Formula { get; set; } = "";
    [Name("range")] public string Range { get; set; } = "";
    /// <summary>Supremum of |f'|; empty when unbounded or learned.</summary>
    [Name("max_derivative")] public double? MaxDerivative { get; set; }
    [Name("zero_centred")] public bool ZeroCentred { get; set; }
    [Name("typical_use")] public string TypicalUse { get; set; } = "";
    [Name("preferred_init")] public string PreferredInit { get; set; } = "";
    [Name("note")] public string Note { get; set; } = "";
}

/// <summary>One row of <c>actrun activations table</c>: an activation's value and derivative at one point.</summary>
public sealed class ActivationPointRecord
{
    [Name("activation")] public string Activation { get; set; } = "";
    [Name("x")] public float X { get; set; }
    [Name("y")] public float Y { get; set; }
    [Name("dy")] public float Dy { get; set; }
}
