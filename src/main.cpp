#include "wegwijzer/cli/cli.hpp"

int main(int argc, char** argv) { return wegwijzer::main_entry(argc, argv); }
