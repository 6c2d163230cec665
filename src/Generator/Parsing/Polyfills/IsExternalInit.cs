// Lets netstandard2.0 projects declare records and init-only members.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
