namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Which message of an exchange a stored body belongs to.</summary>
public enum BodySide
{
    Request,
    Response,
}
