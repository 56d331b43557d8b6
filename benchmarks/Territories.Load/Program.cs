using Territories.Load;

return await LoadTest.RunAsync(args);
